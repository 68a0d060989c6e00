package dev.vigil.event;

import dev.vigil.engine.FaceJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of events, built in one place (docs/EVENTS.md shows each). {@code distance} is seed 000's field:
 * here {@code 1 - similarity}, so lower is closer, as in the seed.
 */
public final class EventJson {
    private EventJson() {
    }

    /** The body of a webhook and of an MQTT event message. */
    public static Map<String, Object> payload(RecognitionEvent e) {
        var m = new LinkedHashMap<String, Object>();
        m.put("event_id", e.id());
        m.put("name", e.subjectName());
        m.put("distance", distance(e));
        m.put("timestamp", e.time().getEpochSecond());
        m.put("time", time(e.time()));
        m.put("subject_id", e.subjectId());
        m.put("decision", e.decision().name());
        m.put("similarity", FaceJson.round(e.similarity(), 4));
        m.put("source", e.source());
        m.put("stream", e.stream());
        m.put("track", e.trackId() < 0 ? null : e.trackId());
        m.put("box", FaceJson.box(e.box()));
        return m;
    }

    /** An event as the events API lists it: the payload plus quality, liveness and the snapshot's URL. */
    public static Map<String, Object> logged(LoggedEvent logged) {
        RecognitionEvent e = logged.event();
        Map<String, Object> m = payload(e);
        m.put("quality", score(e.quality()));
        m.put("liveness", score(e.liveness()));
        m.put("snapshot", logged.snapshot() == null ? null : "/api/v1/events/" + e.id() + "/snapshot");
        return m;
    }

    public static Map<String, Object> delivery(Delivery d) {
        var m = new LinkedHashMap<String, Object>();
        m.put("webhook_id", d.webhookId());
        m.put("url", d.url());
        m.put("status", d.status().name());
        m.put("attempts", d.attempts());
        m.put("last_http_status", d.lastHttpStatus());
        m.put("last_error", d.lastError());
        m.put("next_attempt", d.status() == DeliveryStatus.PENDING ? d.nextAttempt().toString() : null);
        m.put("delivered_at", d.deliveredAt() == null ? null : d.deliveredAt().toString());
        return m;
    }

    /**
     * Seed 000's WebSocket message, for every face of a frame: the first face's fields at the top (as in the seed),
     * all faces in {@code faces}, and {@code status: NO_FACE} when there are none.
     *
     * @param frameBase64 the stream's latest JPEG in base64, or null
     */
    public static Map<String, Object> faceEvent(FrameEvent f, String frameBase64) {
        List<Map<String, Object>> faces = f.faces().stream().map(EventJson::feedFace).toList();
        var m = new LinkedHashMap<String, Object>();
        m.put("type", "face_event");
        m.put("source", f.source());
        m.put("stream", f.stream());
        Map<String, Object> first = faces.isEmpty() ? null : faces.getFirst();
        m.put("name", first == null ? null : first.get("name"));
        m.put("distance", first == null ? null : first.get("distance"));
        m.put("status", first == null ? "NO_FACE" : first.get("status"));
        m.put("box", first == null ? null : first.get("box"));
        m.put("timestamp", f.time().getEpochSecond());
        m.put("time", time(f.time()));
        m.put("faces", faces);
        m.put("frame", frameBase64);
        return m;
    }

    private static Map<String, Object> feedFace(RecognitionEvent e) {
        var m = new LinkedHashMap<String, Object>();
        m.put("event_id", e.id());
        m.put("name", e.subjectName());
        m.put("distance", distance(e));
        m.put("status", e.decision().name());
        m.put("similarity", FaceJson.round(e.similarity(), 4));
        m.put("subject_id", e.subjectId());
        m.put("track", e.trackId() < 0 ? null : e.trackId());
        m.put("box", FaceJson.box(e.box()));
        return m;
    }

    /** ISO-8601 to the millisecond, as the log keeps it, so every output says the same time the same way. */
    static String time(java.time.Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    private static float distance(RecognitionEvent e) {
        return FaceJson.round(1 - e.similarity(), 4);
    }

    private static Float score(float v) {
        return Float.isNaN(v) ? null : FaceJson.round(v, 4);
    }
}
