package dev.vigil.node;

import dev.vigil.config.VigilConfig;
import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.Embedding;
import dev.vigil.engine.Face;
import dev.vigil.stream.PersonInView;
import dev.vigil.stream.TrackStep;
import dev.vigil.track.Track;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A node's track step: instead of classifying, it puts the track into the outbox as an {@link Observation}, the first
 * time and again only when {@link Resend} says so. What it sends is the track's embedding, the quality-weighted mean
 * of all its faces' embeddings (averaging over a track is more reliable than any single frame, best-quality ones
 * included: a sharp frontal face may still be unlike the enrolled photo), with the best face's box, quality,
 * liveness and eyes. It never calls the snapshot function: no picture leaves the pipeline.
 */
final class NodeTrackSender implements TrackStep {
    /** What the node holds per track: when it began, the weighted sum of its embeddings, what was last sent. */
    private static final class Sending {
        final Instant firstSeen = Instant.now();
        float[] sum;
        Resend.Sent last;
    }

    private final String stream;
    private final VigilConfig.Nodes settings;
    private final DiskBuffer outbox;
    private final Map<Long, Sending> tracks = new HashMap<>();

    NodeTrackSender(String stream, VigilConfig.Nodes settings, DiskBuffer outbox) {
        this.stream = stream;
        this.settings = settings;
        this.outbox = outbox;
    }

    /** Liveness and eye state are part of what a node reports, so the engine measures them too. */
    @Override
    public AnalyzeOptions analysis() {
        return AnalyzeOptions.FULL;
    }

    @Override
    public void seen(Track t, long frameNanos, Function<BoundingBox, byte[]> snapshot) {
        Face latest = t.latest(), best = t.best();
        if (latest.embedding() == null || best.embedding() == null) return;
        Sending s = tracks.computeIfAbsent(t.id(), id -> new Sending());
        float[] v = latest.embedding().values();
        if (s.sum == null) s.sum = new float[v.length];
        // A face with no usable quality still counts a little: a track of only poor faces must still be sent.
        float weight = Math.max(0.05f, quality(latest));
        for (int i = 0; i < v.length; i++) s.sum[i] += weight * v[i];
        Embedding mean = Embedding.normalised(s.sum);
        float quality = quality(best);
        if (!Resend.due(s.last, mean, quality, settings.resendMinQualityGain(), settings.resendMaxSimilarity())) return;
        outbox.add(ObservationJson.write(new Observation(null, stream, t.id(), mean, best.box(), quality,
                best.liveness(), best.eyes(), s.firstSeen, Instant.now())));
        s.last = new Resend.Sent(mean, quality);
    }

    private static float quality(Face f) {
        return f.quality() == null ? f.score() : f.quality().score();
    }

    @Override
    public void ended(Track t) {
        tracks.remove(t.id());
    }

    /** The node does not know names; the live view shows its tracks undecided. */
    @Override
    public PersonInView view(Track t) {
        return new PersonInView(t.id(), null, null, null, 0f, t.box());
    }
}
