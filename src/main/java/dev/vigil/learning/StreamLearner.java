package dev.vigil.learning;

import dev.vigil.engine.Face;
import dev.vigil.liveness.TrackLiveness;
import dev.vigil.recognition.Decision;
import dev.vigil.recognition.Recognizer;
import dev.vigil.track.Track;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Learning for one stream's tracks: each track's liveness and its best good-quality faces. A live track decided
 * UNKNOWN with {@code minFaces} good faces becomes an auto-profile; a track named an auto-profile counts as a sighting
 * of it; each unknown track (unnamed, or an auto-profile) is one sighting for the intruder rule; when a live PASS
 * track ends, its best faces are offered to its subject. Used by the stream's analysis thread only.
 */
public final class StreamLearner {
    private static final class TrackState {
        final TrackLiveness liveness;
        final List<Face> good = new ArrayList<>();
        String subjectId;
        boolean auto;
        boolean profiled;
        boolean sightingCounted;
        boolean intruderCounted;

        TrackState(TrackLiveness.Rule rule) {
            this.liveness = new TrackLiveness(rule);
        }
    }

    private final Learner learner;
    private final Recognizer recognizer;
    private final String stream;
    private final TrackLiveness.Rule rule;
    private final int keep;
    private final Map<Long, TrackState> tracks = new HashMap<>();

    StreamLearner(Learner learner, Recognizer recognizer, String stream, TrackLiveness.Rule rule) {
        this.learner = learner;
        this.recognizer = recognizer;
        this.stream = stream;
        this.rule = rule;
        this.keep = Math.max(learner.config().minFaces(), learner.config().maxTemplates());
    }

    /**
     * The track was seen in a frame, and is now decided {@code decision} ({@code null} while the vote is open) about
     * {@code subjectId} (null unless PASS).
     *
     * @param snapshot the face in this frame as JPEG, for an intruder alert
     */
    public void seen(Track track, long nanos, Decision decision, String subjectId, String name, float similarity,
                     Supplier<byte[]> snapshot) {
        TrackState s = tracks.computeIfAbsent(track.id(), k -> new TrackState(rule));
        Face face = track.latest();
        s.liveness.add(nanos, face);
        if (face.embedding() != null && face.quality() != null && face.quality().score() >= learner.config().minQuality()) keepBest(s, face);
        if (decision == null) return;
        if (decision == Decision.PASS && !subjectId.equals(s.subjectId)) {
            s.subjectId = subjectId;
            s.auto = learner.isAutoProfile(subjectId);
            if (s.auto && !s.profiled && !s.sightingCounted) {
                learner.sighted(subjectId);
                s.sightingCounted = true;
            }
        }
        boolean unknown = decision == Decision.UNKNOWN || (decision == Decision.PASS && s.auto);
        if (unknown && !s.intruderCounted) {
            s.intruderCounted = true;
            learner.unknownSeen(stream, track, s.auto ? subjectId : null, s.auto ? name : null, similarity,
                    s.liveness.score(), bestSnapshot(s, snapshot));
        }
        if (learner.config().enabled() && decision == Decision.UNKNOWN && !s.profiled && s.liveness.live()
                && s.good.size() >= learner.config().minFaces() && noneKnown(s.good)) {
            s.profiled = true;
            learner.createProfile(stream, track.id(), List.copyOf(s.good.subList(0, Math.min(s.good.size(),
                    learner.config().maxTemplates()))), s.liveness);
        }
    }

    /** The liveness an event reports: the track's blink-and-passive score when learning is on, else the passive one. */
    public float liveness(Track track) {
        TrackState s = tracks.get(track.id());
        return s == null || !learner.config().enabled() ? track.best().liveness() : s.liveness.score();
    }

    /** Keeps the face of a decision, for an operator's "not this person". */
    public void remember(String eventId, String subjectId, dev.vigil.engine.Embedding face) {
        learner.probes().remember(eventId, subjectId, face);
    }

    /** The track ended: a live PASS track's best faces are offered to its subject. */
    public void ended(Track track) {
        TrackState s = tracks.remove(track.id());
        if (s == null || s.subjectId == null || s.profiled || !learner.config().enabled() || !s.liveness.live()) return;
        learner.learnFrom(s.subjectId, s.auto, s.good, stream, track.id());
    }

    /**
     * The vote may say UNKNOWN from a track's first, poorer frames while its best faces already match someone (a
     * returning auto-profile squinting into the light): then the vote will turn, and no second profile is made.
     */
    private boolean noneKnown(List<Face> faces) {
        return faces.stream().noneMatch(f -> recognizer.identify(f).decision() == Decision.PASS);
    }

    private void keepBest(TrackState s, Face face) {
        s.good.add(face);
        s.good.sort(Comparator.comparingDouble((Face f) -> f.quality().score()).reversed());
        if (s.good.size() > keep) s.good.removeLast();
    }

    /** The best face's aligned crop when kept, else the frame's snapshot. */
    private static byte[] bestSnapshot(TrackState s, Supplier<byte[]> snapshot) {
        if (!s.good.isEmpty() && s.good.getFirst().alignedJpeg() != null) return s.good.getFirst().alignedJpeg();
        return snapshot.get();
    }
}
