package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.stream.LiveView;
import dev.vigil.stream.PersonInView;
import dev.vigil.stream.StreamManager;
import dev.vigil.stream.StreamSpec;
import dev.vigil.stream.StreamStatus;
import dev.vigil.stream.VideoStream;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** /api/v1/streams, /api/v1/status and the MJPEG view /streams/{id}/mjpeg. */
final class StreamsApi {
    private static final String BOUNDARY = "vigilframe";
    private final StreamManager streams;
    private final ObjectMapper json;

    StreamsApi(StreamManager streams, ObjectMapper json) {
        this.streams = streams;
        this.json = json;
    }

    /** POST body {@code {"name", "url", "fps"?, "loop"?, "scale"?, "transport"?, "enabled"?}}. */
    void create(Context ctx) throws IOException {
        String body = ctx.body();
        if (body.isBlank()) throw new ApiError(400, "malformed_json", "a JSON object body is required");
        JsonNode n = json.readTree(body);
        if (n == null || !n.isObject()) throw new ApiError(400, "malformed_json", "the body must be a JSON object");
        for (String field : List.of("name", "url")) {
            if (!n.path(field).isTextual() || n.path(field).asText().isBlank()) throw new ApiError(400, "missing_field", "'" + field + "' is required");
        }
        var spec = new StreamSpec(null, n.get("name").asText(), n.get("url").asText(), number(n, "fps", StreamSpec.DEFAULT_FPS),
                number(n, "scale", 1), bool(n, "loop", false), n.path("transport").asText(null), bool(n, "enabled", true));
        StreamManager.Entry s;
        try {
            s = streams.add(spec);
        } catch (StreamManager.DuplicateStreamName e) {
            throw new ApiError(409, "duplicate_name", e.getMessage());
        }
        ctx.status(201).json(view(s));
    }

    void list(Context ctx) {
        ctx.json(Map.of("streams", streams.entries().stream().map(StreamsApi::view).toList()));
    }

    void get(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(view(streams.entry(id).orElseThrow(() -> ApiError.notFound("stream " + id))));
    }

    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        if (!streams.remove(id)) throw ApiError.notFound("stream " + id);
        ctx.json(Map.of("deleted", id));
    }

    /** Seed 003's status: per stream, who is in view now. */
    void status(Context ctx) {
        var list = streams.streams().stream().map(s -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("id", s.spec().id());
            m.put("name", s.spec().name());
            m.put("state", s.status().state().toString());
            m.put("persons", s.inView().stream().map(StreamsApi::person).toList());
            return m;
        }).toList();
        ctx.json(Map.of("streams", list));
    }

    /**
     * The annotated live view as multipart/x-mixed-replace, for an {@code <img>} tag. This viewer sends each newest
     * frame when it is ready for one; frames published meanwhile are skipped, so a slow viewer only sees fewer frames.
     */
    void mjpeg(Context ctx) throws IOException, InterruptedException {
        LiveView live = stream(ctx).live();
        var res = ctx.res();
        res.setStatus(200);
        res.setContentType("multipart/x-mixed-replace; boundary=" + BOUNDARY);
        res.setHeader("Cache-Control", "no-cache, no-store");
        OutputStream out = res.getOutputStream();
        try (AutoCloseable watching = live.watch()) {
            long seq = 0;
            while (!live.closed()) {
                LiveView.Jpeg jpeg = live.next(seq, 5, TimeUnit.SECONDS);
                if (jpeg == null) continue;
                seq = jpeg.seq();
                out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.bytes().length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(jpeg.bytes());
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the viewer went away
        } catch (Exception e) {
            if (e instanceof InterruptedException ie) throw ie;
            throw new IllegalStateException(e);
        }
    }

    private VideoStream stream(Context ctx) {
        String id = ctx.pathParam("id");
        return streams.find(id).orElseThrow(() -> ApiError.notFound("stream " + id));
    }

    /**
     * A stream as JSON. One that another server runs (servers sharing PostgreSQL) has state {@code remote} and names
     * its {@code owner}; one no server holds yet has state {@code unassigned}.
     */
    static Map<String, Object> view(StreamManager.Entry e) {
        if (e.local() != null) return view(e.local());
        var m = spec(e.spec());
        m.put("state", e.owner() == null ? "unassigned" : "remote");
        m.put("owner", e.owner());
        return m;
    }

    private static Map<String, Object> spec(StreamSpec spec) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", spec.id());
        m.put("name", spec.name());
        m.put("url", spec.url());
        m.put("fps", spec.fps());
        m.put("scale", spec.scale());
        m.put("loop", spec.loop());
        m.put("transport", spec.transport());
        m.put("enabled", spec.enabled());
        return m;
    }

    static Map<String, Object> view(VideoStream s) {
        StreamStatus st = s.status();
        var m = spec(s.spec());
        m.put("state", st.state().toString());
        m.put("last_error", st.lastError());
        m.put("fps_in", round(st.fpsIn()));
        m.put("fps_analysed", round(st.fpsAnalysed()));
        m.put("frames_in", st.framesIn());
        m.put("frames_analysed", st.framesAnalysed());
        m.put("dropped", st.dropped());
        m.put("reconnects", st.reconnects());
        m.put("last_frame_time", st.lastFrame() == null ? null : st.lastFrame().toString());
        m.put("latency_p50_ms", Double.isNaN(st.latencyP50Ms()) ? null : round(st.latencyP50Ms()));
        m.put("latency_p95_ms", Double.isNaN(st.latencyP95Ms()) ? null : round(st.latencyP95Ms()));
        m.put("persons_in_view", s.inView().size());
        return m;
    }

    static Map<String, Object> person(PersonInView p) {
        var m = new LinkedHashMap<String, Object>();
        m.put("track_id", p.trackId());
        m.put("known", p.known());
        m.put("decision", p.decision() == null ? null : p.decision().name());
        m.put("subject_id", p.subjectId());
        m.put("name", p.name());
        m.put("confidence", round(p.confidence()));
        m.put("box", p.box().toArray());
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double number(JsonNode n, String field, double def) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return def;
        if (!v.isNumber()) throw new ApiError(400, "invalid_request", "'" + field + "' must be a number");
        return v.asDouble();
    }

    private static boolean bool(JsonNode n, String field, boolean def) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return def;
        if (!v.isBoolean()) throw new ApiError(400, "invalid_request", "'" + field + "' must be true or false");
        return v.asBoolean();
    }
}
