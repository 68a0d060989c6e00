package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.event.EventJson;
import dev.vigil.event.EventOutputs;
import dev.vigil.event.EventQuery;
import dev.vigil.event.LoggedEvent;
import dev.vigil.event.Webhook;
import dev.vigil.recognition.Decision;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/v1/events (the event log) and /api/v1/webhooks. */
final class EventsApi {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final EventOutputs outputs;
    private final ObjectMapper json;

    EventsApi(EventOutputs outputs, ObjectMapper json) {
        this.outputs = outputs;
        this.json = json;
    }

    /** Filters {@code from}, {@code to}, {@code stream}, {@code subject}, {@code decision}; paging {@code limit}, {@code cursor}. */
    void list(Context ctx) {
        String cursor = blankToNull(ctx.queryParam("cursor"));
        var query = new EventQuery(time(ctx, "from"), time(ctx, "to"), blankToNull(ctx.queryParam("stream")),
                blankToNull(ctx.queryParam("subject")), decision(ctx.queryParam("decision")),
                cursor == null ? null : EventQuery.Cursor.decode(cursor), limit(ctx));
        EventQuery.Page page = outputs.store().query(query);
        var m = new LinkedHashMap<String, Object>();
        m.put("events", page.events().stream().map(EventJson::logged).toList());
        m.put("next", page.next());
        ctx.json(m);
    }

    /** One event with its delivery status per webhook. */
    void get(Context ctx) {
        LoggedEvent e = event(ctx);
        Map<String, Object> m = EventJson.logged(e);
        m.put("deliveries", outputs.store().deliveries(e.event().id()).stream().map(EventJson::delivery).toList());
        ctx.json(m);
    }

    void snapshot(Context ctx) throws IOException {
        LoggedEvent e = event(ctx);
        var file = outputs.snapshotFile(e).orElseThrow(() -> ApiError.notFound("a snapshot of event " + e.event().id()));
        try {
            ctx.contentType("image/jpeg").result(Files.readAllBytes(file));
        } catch (NoSuchFileException gone) { // deleted by retention between the query and the read
            throw ApiError.notFound("a snapshot of event " + e.event().id());
        }
    }

    private LoggedEvent event(Context ctx) {
        String id = ctx.pathParam("id");
        return outputs.store().find(id).orElseThrow(() -> ApiError.notFound("event " + id));
    }

    /** {@code {"url", "secret", "events": ["PASS", ...], "cooldown_seconds"}}; events defaults to PASS only. */
    void createWebhook(Context ctx) throws IOException {
        JsonNode body = json.readTree(ctx.body());
        if (body == null || !body.isObject()) throw new ApiError(400, "invalid_request", "send a JSON object");
        String url = text(body, "url");
        String secret = text(body, "secret");
        List<String> decisions = new ArrayList<>();
        JsonNode events = body.path("events");
        if (!events.isMissingNode() && !events.isNull()) {
            if (!events.isArray()) throw new ApiError(400, "invalid_request", "'events' must be an array of decisions");
            events.forEach(d -> decisions.add(d.asText()));
        }
        JsonNode cooldown = body.path("cooldown_seconds");
        if (!cooldown.isMissingNode() && !cooldown.isNull() && !cooldown.canConvertToInt()) {
            throw new ApiError(400, "invalid_request", "'cooldown_seconds' must be a whole number");
        }
        Webhook w = outputs.webhooks().add(url, secret, decisions,
                cooldown.isMissingNode() || cooldown.isNull() ? null : cooldown.asInt());
        ctx.status(201).json(webhook(w));
    }

    void listWebhooks(Context ctx) {
        ctx.json(Map.of("webhooks", outputs.webhooks().list().stream().map(EventsApi::webhook).toList()));
    }

    void getWebhook(Context ctx) {
        ctx.json(webhook(findWebhook(ctx)));
    }

    void deleteWebhook(Context ctx) {
        Webhook w = findWebhook(ctx);
        if (w.fromConfig()) {
            throw new ApiError(409, "read_only", "webhook " + w.id() + " comes from the config file; remove it there");
        }
        outputs.webhooks().remove(w.id());
        ctx.status(204);
    }

    private Webhook findWebhook(Context ctx) {
        String id = ctx.pathParam("id");
        return outputs.webhooks().find(id).orElseThrow(() -> ApiError.notFound("webhook " + id));
    }

    /** A webhook as the API shows it; the secret is never shown back. */
    private static Map<String, Object> webhook(Webhook w) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", w.id());
        m.put("url", w.url());
        m.put("events", w.decisions().stream().map(Decision::name).sorted().toList());
        m.put("cooldown_seconds", w.cooldownSeconds());
        m.put("source", w.fromConfig() ? "config" : "api");
        m.put("created_at", w.fromConfig() ? null : w.createdAt().toString());
        return m;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (!v.isTextual() || v.asText().isBlank()) throw new ApiError(400, "missing_field", "the JSON field '" + field + "' is required");
        return v.asText();
    }

    /** ISO-8601 ({@code 2025-01-09T05:20:00Z}) or Unix seconds, as in the payloads' {@code timestamp}. */
    private static Instant time(Context ctx, String param) {
        String v = blankToNull(ctx.queryParam(param));
        if (v == null) return null;
        try {
            return v.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(v)) : Instant.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ApiError(400, "invalid_request", "'" + param + "' must be an ISO-8601 time or Unix seconds, not '" + v + "'");
        }
    }

    private static Decision decision(String v) {
        if (blankToNull(v) == null) return null;
        try {
            return Decision.valueOf(v.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "invalid_request", "'decision' must be PASS, REJECT or UNKNOWN");
        }
    }

    private static int limit(Context ctx) {
        String v = blankToNull(ctx.queryParam("limit"));
        if (v == null) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_LIMIT) return n;
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new ApiError(400, "invalid_request", "'limit' must be 1.." + MAX_LIMIT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
