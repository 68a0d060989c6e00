package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.event.FaceFeed;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code /ws/face-stream}: the live feed. Subscribe with {@code ?streams=cam1,cam2&frames=false} (default every
 * stream, with frames), or later by sending {@code {"streams": ["cam1"], "frames": false}}.
 */
final class FeedSocket {
    private final FaceFeed feed;
    private final ObjectMapper json;
    private final Map<String, FaceFeed.Subscription> sessions = new ConcurrentHashMap<>();

    FeedSocket(FaceFeed feed, ObjectMapper json) {
        this.feed = feed;
        this.json = json;
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.enableAutomaticPings(15, TimeUnit.SECONDS); // an idle dashboard is not timed out
            String streams = ctx.queryParam("streams");
            Set<String> names = streams == null || streams.isBlank() ? Set.of()
                    : new HashSet<>(Arrays.stream(streams.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
            boolean frames = !"false".equalsIgnoreCase(ctx.queryParam("frames"));
            sessions.put(ctx.sessionId(), feed.subscribe(viewer(ctx), names, frames));
        });
        ws.onMessage(ctx -> {
            FaceFeed.Subscription s = sessions.get(ctx.sessionId());
            if (s == null) return;
            JsonNode m;
            try {
                m = json.readTree(ctx.message());
            } catch (Exception e) {
                ctx.send(Map.of("type", "error", "error", "malformed_json", "message", "send {\"streams\": [...], \"frames\": true|false}"));
                return;
            }
            Set<String> names = new HashSet<>();
            m.path("streams").forEach(n -> names.add(n.asText()));
            s.update(names, m.path("frames").asBoolean(true));
        });
        ws.onClose(ctx -> end(ctx));
        ws.onError(ctx -> end(ctx));
    }

    private void end(WsContext ctx) {
        FaceFeed.Subscription s = sessions.remove(ctx.sessionId());
        if (s != null) s.close();
    }

    private static FaceFeed.Viewer viewer(WsContext ctx) {
        return new FaceFeed.Viewer() {
            @Override
            public void send(String text) {
                ctx.send(text);
            }

            @Override
            public void drop(String reason) {
                ctx.session.disconnect();
            }
        };
    }
}
