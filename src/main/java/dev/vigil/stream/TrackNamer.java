package dev.vigil.stream;

import dev.vigil.engine.BoundingBox;
import dev.vigil.recognition.Decision;
import dev.vigil.recognition.Recognizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies the tracks of one stream: each frame of a track is identified on its own, and the track's name follows
 * the {@link Vote} over its recent frames. A decision is reported when a track is first named or decided unknown, and
 * again whenever the vote turns. Not thread-safe: used by one analysis (or one node track's classification) at a time.
 */
public final class TrackNamer {

    /** A track's decision changed. {@code subjectId} and {@code name} are null for UNKNOWN. */
    public record Change(long trackId, Decision decision, String subjectId, String name, float similarity) {
    }

    private static final class Votes {
        final ArrayDeque<String> labels = new ArrayDeque<>();
        final ArrayDeque<Float> similarities = new ArrayDeque<>();
        final Map<String, String> names = new HashMap<>();
        String label;
    }

    private final int minFrames;
    private final float minShare;
    private final int window;
    private final Map<Long, Votes> votes = new HashMap<>();

    public TrackNamer(int minFrames, float minShare, int window) {
        this.minFrames = minFrames;
        this.minShare = minShare;
        this.window = window;
    }

    /** Adds the track's identification in this frame; returns the change of decision, or null. */
    public Change observe(long trackId, Recognizer.Identified id) {
        Votes v = votes.computeIfAbsent(trackId, k -> new Votes());
        String label = id.decision() == Decision.PASS ? id.subject().subjectId() : Vote.UNKNOWN;
        if (id.decision() == Decision.PASS) v.names.put(label, id.subject().name());
        v.labels.addLast(label);
        v.similarities.addLast(id.similarity());
        if (v.labels.size() > window) {
            v.labels.removeFirst();
            v.similarities.removeFirst();
        }
        String decided = Vote.decide(List.copyOf(v.labels), v.label, minFrames, minShare);
        if (decided == null || decided.equals(v.label)) return null;
        v.label = decided;
        return decided.equals(Vote.UNKNOWN)
                ? new Change(trackId, Decision.UNKNOWN, null, null, confidence(v))
                : new Change(trackId, Decision.PASS, decided, v.names.get(decided), confidence(v));
    }

    public void end(long trackId) {
        votes.remove(trackId);
    }

    PersonInView view(long trackId, BoundingBox box) {
        Votes v = votes.get(trackId);
        if (v == null || v.label == null) return new PersonInView(trackId, null, null, null, 0f, box);
        if (v.label.equals(Vote.UNKNOWN)) return new PersonInView(trackId, Decision.UNKNOWN, null, null, confidence(v), box);
        return new PersonInView(trackId, Decision.PASS, v.label, v.names.get(v.label), confidence(v), box);
    }

    /** Mean similarity of the frames that voted for the current label. */
    private static float confidence(Votes v) {
        double sum = 0;
        int n = 0;
        var labels = new ArrayList<>(v.labels);
        var sims = new ArrayList<>(v.similarities);
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).equals(v.label)) {
                sum += sims.get(i);
                n++;
            }
        }
        return n == 0 ? 0f : (float) (sum / n);
    }
}
