package dev.vigil.learning;

import dev.vigil.engine.Embedding;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The faces of the most recent decisions, by event id, so an operator's "not this person" can become a negative
 * example. In memory only and bounded: the event log keeps no embeddings, and feedback comes soon after a decision.
 */
public final class RecentProbes {

    /** A decision's face and the subject it named (null when it named nobody). */
    public record Probe(String subjectId, Embedding face) {
    }

    private final Map<String, Probe> faces;

    public RecentProbes(int capacity) {
        this.faces = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Probe> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void remember(String eventId, String subjectId, Embedding face) {
        if (face != null) faces.put(eventId, new Probe(subjectId, face));
    }

    public synchronized Optional<Probe> find(String eventId) {
        return Optional.ofNullable(faces.get(eventId));
    }
}
