package dev.vigil.node;

import dev.vigil.engine.Face;
import dev.vigil.event.EventBus;
import dev.vigil.event.EventSink;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.recognition.Decision;
import dev.vigil.recognition.Recognizer;
import dev.vigil.stream.Cooldown;
import dev.vigil.stream.TrackNamer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns nodes' observations into decisions with the server's own rules: {@link Recognizer} on the embedding,
 * {@link TrackNamer} per node stream, {@link Cooldown} on repeated PASSes. A node sends a track's best face so far,
 * so each observation supersedes the last: the vote is over a window of one. Decisions are published with source
 * {@code "node"} and stream {@code "<node>/<stream>"}. Thread-safe.
 */
final class NodeClassifier {
    /** Tracks remembered across all nodes; the least recently observed are forgotten beyond this. */
    private static final int MAX_TRACKS = 10_000;

    private record StreamState(TrackNamer namer, Cooldown cooldown) {
    }

    private record TrackKey(String stream, long trackId) {
    }

    private final Recognizer recognizer;
    private final EventSink events;
    private final double cooldownSeconds;
    private final Map<String, StreamState> streams = new HashMap<>();
    private final LinkedHashMap<TrackKey, Boolean> recent = new LinkedHashMap<>(16, 0.75f, true);

    NodeClassifier(Recognizer recognizer, EventSink events, double cooldownSeconds) {
        this.recognizer = recognizer;
        this.events = events;
        this.cooldownSeconds = cooldownSeconds;
    }

    static String streamName(Observation o) {
        return o.node() + "/" + o.stream();
    }

    /** Decides the observation; the event published, or null when the track's decision did not change. */
    RecognitionEvent classify(Observation o) {
        var face = new Face(o.box(), o.quality(), null, o.embedding(), null, o.liveness(), o.eyes(), null);
        Recognizer.Identified id = recognizer.identify(face);
        String stream = streamName(o);
        RecognitionEvent event;
        synchronized (this) {
            StreamState s = streams.computeIfAbsent(stream, k -> new StreamState(new TrackNamer(1, 1f, 1), new Cooldown(cooldownSeconds)));
            remember(new TrackKey(stream, o.trackId()));
            TrackNamer.Change c = s.namer().observe(o.trackId(), id);
            if (c == null) return null;
            if (c.decision() == Decision.PASS && !s.cooldown().allow(c.subjectId(), System.nanoTime())) return null;
            event = new RecognitionEvent(eventId(o, c.decision()), EventBus.now(), "node", stream, o.trackId(), c.decision(),
                    c.subjectId(), c.name(), c.similarity(), o.box(), o.quality(), o.liveness(), null);
        }
        events.publish(event);
        return event;
    }

    /**
     * The same observation decided the same way gets the same id on any server, so one that NATS redelivers after a
     * server died between logging it and acknowledging it is logged (and sent to webhooks) once.
     */
    static String eventId(Observation o, Decision decision) {
        String key = streamName(o) + "|" + o.trackId() + "|" + o.seen().toEpochMilli() + "|" + decision;
        return java.util.UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private void remember(TrackKey key) {
        recent.put(key, Boolean.TRUE);
        if (recent.size() <= MAX_TRACKS) return;
        var oldest = recent.entrySet().iterator();
        TrackKey gone = oldest.next().getKey();
        oldest.remove();
        streams.get(gone.stream()).namer().end(gone.trackId());
    }
}
