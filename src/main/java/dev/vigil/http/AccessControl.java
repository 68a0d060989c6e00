package dev.vigil.http;

import dev.vigil.access.AccessRules;
import dev.vigil.access.ApiKey;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.Actor;
import dev.vigil.access.RateLimiter;
import dev.vigil.access.Role;
import dev.vigil.access.Sessions;
import dev.vigil.node.NodeTokens;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Runs before every request (and every WebSocket upgrade): decides who is asking (the {@code X-API-Key} header or a
 * dashboard session cookie), whether that key's role may do this ({@link AccessRules}), applies the rate limits, and
 * sets the {@link Actor} the audit trail records. Without any key configured the server only listens on loopback
 * (checked at start), and everything is allowed as actor "local".
 */
final class AccessControl {
    static final String SESSION_COOKIE = "vigil_session";
    static final String LOCAL = "local";
    static final String NODE_TOKEN_HEADER = "X-Node-Token";

    private final ApiKeys keys;
    private final NodeTokens nodeTokens;
    private final Sessions sessions;
    private final RateLimiter failedAuth;
    private final RateLimiter recognition;

    AccessControl(ApiKeys keys, NodeTokens nodeTokens, Sessions sessions, RateLimiter failedAuth, RateLimiter recognition) {
        this.keys = keys;
        this.nodeTokens = nodeTokens;
        this.sessions = sessions;
        this.failedAuth = failedAuth;
        this.recognition = recognition;
    }

    void check(Context ctx) {
        Actor.clear();
        if (AccessRules.byNodeToken(ctx.method().name(), ctx.path())) {
            checkNode(ctx);
            return;
        }
        Role needed = AccessRules.required(ctx.method().name(), ctx.path());
        if (!keys.enabled()) {
            Actor.set(LOCAL);
            limitRecognition(needed, ctx.ip());
            return;
        }
        if (needed == null) return;
        Optional<ApiKey> key = caller(ctx);
        if (key.isEmpty()) {
            boolean offered = ctx.header("X-API-Key") != null || ctx.cookie(SESSION_COOKIE) != null
                    || ctx.path().startsWith("/v1/vision/") && Uploads.optionalText(ctx, "api_key") != null;
            // Only wrong credentials count: they are what a key-guessing attack sends.
            if (offered && !failedAuth.tryAcquire(ctx.ip())) {
                throw new ApiError(429, "too_many_failures", "too many failed authentications from this address; wait a minute");
            }
            throw new ApiError(401, "unauthorized", offered ? "the API key or session is not valid (revoked or expired?)"
                    : "this endpoint needs an API key in the X-API-Key header");
        }
        if (!key.get().role().allows(needed)) {
            throw new ApiError(403, "forbidden", "the key '" + key.get().name() + "' has role " + key.get().role().label()
                    + "; " + ctx.method() + " " + ctx.path() + " needs " + needed.label());
        }
        Actor.set(key.get().name());
        limitRecognition(needed, key.get().name());
    }

    /** Node endpoints need a valid node token whether or not API keys are in use: nodes are usually remote. */
    private void checkNode(Context ctx) {
        String token = ctx.header(NODE_TOKEN_HEADER);
        String node = nodeTokens.authenticate(token).orElse(null);
        if (node == null) {
            if (token != null && !failedAuth.tryAcquire(ctx.ip())) {
                throw new ApiError(429, "too_many_failures", "too many failed authentications from this address; wait a minute");
            }
            throw new ApiError(401, "unauthorized", token == null ? "this endpoint needs a node token in the "
                    + NODE_TOKEN_HEADER + " header" : "the node token is not valid (revoked?)");
        }
        ctx.attribute(NodesApi.NODE_ATTRIBUTE, node);
        Actor.set("node:" + node);
    }

    /** The key behind this request, from the header or, for the dashboard, the session cookie. */
    Optional<ApiKey> caller(Context ctx) {
        String header = ctx.header("X-API-Key");
        // DeepStack clients send the key as a form field instead.
        if (header == null && ctx.path().startsWith("/v1/vision/")) header = Uploads.optionalText(ctx, "api_key");
        if (header != null) return keys.authenticate(header);
        return sessions.find(ctx.cookie(SESSION_COOKIE));
    }

    private void limitRecognition(Role needed, String client) {
        if (needed == Role.RECOGNIZE && !recognition.tryAcquire(client)) {
            throw new ApiError(429, "rate_limited", "too many identify/verify requests; slow down");
        }
    }

    /** Security headers for every response: no sniffing, no framing, no referrers, scripts only from here. */
    static void secureHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; "
                + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    }
}
