package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.access.Actor;
import dev.vigil.access.ApiKey;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import dev.vigil.access.Sessions;
import dev.vigil.store.Store;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** /api/v1/keys (create, list, revoke), /api/v1/session (dashboard login and logout) and /api/v1/audit. */
final class AccessApi {
    private final ApiKeys keys;
    private final Sessions sessions;
    private final AccessControl access;
    private final Store store;
    private final ObjectMapper json;

    AccessApi(ApiKeys keys, Sessions sessions, AccessControl access, Store store, ObjectMapper json) {
        this.keys = keys;
        this.sessions = sessions;
        this.access = access;
        this.store = store;
        this.json = json;
    }

    /** POST {"name", "role"} → the key with its secret, shown this once. */
    void createKey(Context ctx) throws IOException {
        JsonNode body = Uploads.json(ctx, json);
        String name = body.path("name").asText(null);
        if (name == null) throw new ApiError(400, "missing_field", "'name' is required");
        Role role = Role.parse(body.path("role").asText("admin"));
        ApiKeys.Issued issued = keys.create(name, role);
        store.audit(Actor.current(), "key.create", null, json.writeValueAsString(Map.of("name", name, "role", role.label())));
        Map<String, Object> m = Views.apiKey(issued.key());
        m.put("key", issued.secret());
        ctx.status(201).json(m);
    }

    void listKeys(Context ctx) {
        ctx.json(Map.of("keys", keys.list().stream().map(Views::apiKey).toList()));
    }

    void revokeKey(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        if (!keys.revoke(name)) throw ApiError.notFound("key " + name);
        sessions.closeAll(name);
        store.audit(Actor.current(), "key.revoke", null, json.writeValueAsString(Map.of("name", name)));
        ctx.json(Map.of("revoked", name));
    }

    /** POST {"key"} → a session cookie for the dashboard (HttpOnly, SameSite=Strict, Secure over HTTPS). */
    void login(Context ctx) throws IOException {
        JsonNode body = Uploads.json(ctx, json);
        ApiKey key = keys.authenticate(body.path("key").asText(null))
                .orElseThrow(() -> new ApiError(401, "unauthorized", "the API key is not valid"));
        String id = sessions.open(key);
        var cookie = new Cookie(AccessControl.SESSION_COOKIE, id, "/", (int) sessions.lifetime().toSeconds(),
                "https".equals(ctx.scheme()), 0, true, null, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.json(Map.of("name", key.name(), "role", key.role().label()));
    }

    void logout(Context ctx) {
        sessions.close(ctx.cookie(AccessControl.SESSION_COOKIE));
        ctx.removeCookie(AccessControl.SESSION_COOKIE, "/");
        ctx.status(204);
    }

    /** Who am I: the dashboard asks this to show the login form or the app. */
    void whoami(Context ctx) {
        if (!keys.enabled()) {
            ctx.json(Map.of("name", AccessControl.LOCAL, "role", Role.ADMIN.label(), "keys_enabled", false));
            return;
        }
        ApiKey key = access.caller(ctx).orElseThrow(() -> new ApiError(401, "unauthorized", "not logged in"));
        ctx.json(Map.of("name", key.name(), "role", key.role().label(), "keys_enabled", true));
    }

    /** GET ?before=&limit=&subject_id= → {"entries": [...], "next": id or null}, newest first. */
    void audit(Context ctx) {
        long before = SubjectsApi.intParam(ctx, "before", 0, 0, Integer.MAX_VALUE);
        int limit = SubjectsApi.intParam(ctx, "limit", 100, 1, 1000);
        var entries = store.auditLog(before, limit, ctx.queryParam("subject_id"));
        var m = new LinkedHashMap<String, Object>();
        m.put("entries", entries.stream().map(Views::audit).toList());
        m.put("next", entries.size() == limit ? entries.get(entries.size() - 1).id() : null);
        ctx.json(m);
    }
}
