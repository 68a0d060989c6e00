package dev.vigil.learning;

import dev.vigil.engine.Embedding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Seed 001's intruder rule: an unknown person seen {@code sightings} times within {@code window}, on any stream,
 * raises one alert (then none for that person until a window has passed). Sightings of an auto-profile are the same
 * person by subject id; unnamed tracks are the same person when their faces are at least {@code samePerson} alike.
 * Thread-safe.
 */
public final class IntruderWatch {

    /** One track of an unknown person: its auto-profile (null for an unnamed track) and its face. */
    public record Sighting(Instant time, String subjectId, Embedding face) {
    }

    private final int sightings;
    private final Duration window;
    private final float samePerson;
    private final Deque<Sighting> recent = new ArrayDeque<>();
    private final Deque<Sighting> alerted = new ArrayDeque<>();

    public IntruderWatch(int sightings, Duration window, float samePerson) {
        this.sightings = sightings;
        this.window = window;
        this.samePerson = samePerson;
    }

    /** Records the sighting; true when it makes this person an intruder to alert about now. */
    public synchronized boolean add(Sighting s) {
        Instant horizon = s.time().minus(window);
        recent.removeIf(x -> x.time().isBefore(horizon));
        alerted.removeIf(x -> x.time().isBefore(horizon));
        recent.addLast(s);
        long seen = recent.stream().filter(x -> same(x, s)).count();
        if (seen < sightings || alerted.stream().anyMatch(x -> same(x, s))) return false;
        alerted.addLast(s);
        return true;
    }

    private boolean same(Sighting a, Sighting b) {
        if (a.subjectId() != null && a.subjectId().equals(b.subjectId())) return true;
        return a.face() != null && b.face() != null && a.face().cosine(b.face()) >= samePerson;
    }
}
