package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.access.Actor;
import dev.vigil.node.NodeCentral;
import dev.vigil.node.NodeStatus;
import dev.vigil.node.Observation;
import dev.vigil.node.ObservationJson;
import dev.vigil.store.Store;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /api/v1/nodes: edge nodes' observations and heartbeats (authenticated by node token in {@link AccessControl}), their
 * tokens (admin) and their list (view).
 */
final class NodesApi {
    static final String NODE_ATTRIBUTE = "vigil.node";
    private static final int MAX_BATCH = 1000;

    private final NodeCentral central;
    private final Store store;
    private final ObjectMapper json;

    NodesApi(NodeCentral central, Store store, ObjectMapper json) {
        this.central = central;
        this.store = store;
        this.json = json;
    }

    /** POST {"observations": [...]} → 202 {"accepted", "shed"}; the whole batch is checked before any is queued. */
    void ingest(Context ctx) throws IOException {
        JsonNode list = Uploads.json(ctx, json).get("observations");
        if (list == null || !list.isArray()) throw new ApiError(400, "missing_field", "'observations' must be an array");
        if (list.size() > MAX_BATCH) throw new ApiError(413, "too_large", "at most " + MAX_BATCH + " observations per request");
        List<Observation> batch = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            try {
                batch.add(ObservationJson.read(list.get(i)));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "invalid_request", "observation " + i + ": " + e.getMessage());
            }
        }
        NodeCentral.Ingested r = central.ingest(node(ctx), batch);
        ctx.status(202).json(Map.of("accepted", r.accepted(), "shed", r.shed()));
    }

    /** POST the node's health → {"node": its name}, so a node learns what the centre calls it. */
    void heartbeat(Context ctx) throws IOException {
        JsonNode health = Uploads.json(ctx, json);
        if (!health.isObject()) throw new ApiError(400, "invalid_request", "a heartbeat is a JSON object");
        central.heartbeat(node(ctx), health);
        ctx.json(Map.of("node", node(ctx)));
    }

    void list(Context ctx) {
        ctx.json(Map.of("nodes", central.nodes().stream().map(NodesApi::view).toList(), "shed", central.shed()));
    }

    /** POST {"name"} → 201 {"name", "token"}; the token is shown this once. */
    void createToken(Context ctx) throws IOException {
        String name = Uploads.json(ctx, json).path("name").asText(null);
        if (name == null) throw new ApiError(400, "missing_field", "'name' is required");
        String token = central.tokens().create(name);
        store.audit(Actor.current(), "node.token.create", null, json.writeValueAsString(Map.of("name", name)));
        ctx.status(201).json(Map.of("name", name, "token", token));
    }

    void revokeToken(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        if (!central.tokens().revoke(name)) throw ApiError.notFound("node token " + name);
        store.audit(Actor.current(), "node.token.revoke", null, json.writeValueAsString(Map.of("name", name)));
        ctx.json(Map.of("revoked", name));
    }

    private static String node(Context ctx) {
        return ctx.attribute(NODE_ATTRIBUTE);
    }

    private static Map<String, Object> view(NodeStatus n) {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", n.name());
        m.put("active", n.active());
        m.put("last_seen", n.lastSeen() == null ? null : n.lastSeen().toString());
        m.put("health", n.health());
        m.put("received", n.received());
        m.put("shed", n.shed());
        m.put("waiting", n.waiting());
        m.put("queue_wait_p95_ms", Double.isNaN(n.queueWaitP95Ms()) ? null : Math.round(n.queueWaitP95Ms() * 10) / 10.0);
        return m;
    }
}
