package dev.vigil.node;

import dev.vigil.config.VigilConfig;
import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.Face;
import dev.vigil.stream.PersonInView;
import dev.vigil.stream.TrackStep;
import dev.vigil.track.Track;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A node's track step: instead of classifying, it puts the track's best face into the outbox as an
 * {@link Observation}, the first time and again only when {@link Resend} says so. It never calls the snapshot
 * function: no picture leaves the pipeline.
 */
final class NodeTrackSender implements TrackStep {
    private record Sending(Instant firstSeen, Resend.Sent last) {
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
    public void seen(Track t, Function<BoundingBox, byte[]> snapshot) {
        Face best = t.best();
        if (best.embedding() == null) return;
        float quality = best.quality() == null ? best.score() : best.quality().score();
        Sending s = tracks.computeIfAbsent(t.id(), id -> new Sending(Instant.now(), null));
        if (!Resend.due(s.last(), best.embedding(), quality, settings.resendMinQualityGain(), settings.resendMaxSimilarity())) return;
        outbox.add(ObservationJson.write(new Observation(null, stream, t.id(), best.embedding(), best.box(), quality,
                best.liveness(), best.eyes(), s.firstSeen(), Instant.now())));
        tracks.put(t.id(), new Sending(s.firstSeen(), new Resend.Sent(best.embedding(), quality)));
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
