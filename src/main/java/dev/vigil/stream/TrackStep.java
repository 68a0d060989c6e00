package dev.vigil.stream;

import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.BoundingBox;
import dev.vigil.track.Track;
import java.util.function.Function;

/**
 * What a stream does with its tracks after each analysed frame: a server classifies them against its gallery
 * ({@link LocalClassifier}), an edge node sends their best faces' embeddings to a server instead. Everything else of
 * the pipeline (sources, latest-frame slots, reconnects, tracking, the live view) is the same for both. One step per
 * stream, called by that stream's analysis only.
 */
public interface TrackStep {

    /** Makes the step of one stream. */
    @FunctionalInterface
    interface Factory {
        TrackStep forStream(StreamSpec spec);
    }

    /** What the engine computes for each face of this stream's frames. */
    AnalyzeOptions analysis();

    /**
     * The track was seen in the frame just analysed.
     *
     * @param frameNanos when the frame was grabbed ({@link System#nanoTime}), for rules over time such as blinks
     * @param snapshot   a JPEG of the frame around a box, for a step that keeps pictures; valid during this call only
     */
    void seen(Track track, long frameNanos, Function<BoundingBox, byte[]> snapshot);

    /** The track ended: forget it. */
    void ended(Track track);

    /** How the status and the live view show the track now. */
    PersonInView view(Track track);
}
