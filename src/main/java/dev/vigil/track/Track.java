package dev.vigil.track;

import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.Embedding;
import dev.vigil.engine.Face;

/**
 * One person followed across frames of one stream. Mutable, and owned by that stream's {@link Tracker}: only the
 * thread analysing the stream's current frame touches it.
 */
public final class Track {
    private final long id;
    private Face latest;
    private Face best;
    private int hits;
    private int misses;

    Track(long id, Face first) {
        this.id = id;
        this.latest = first;
        this.best = first;
        this.hits = 1;
    }

    void hit(Face face) {
        latest = face;
        hits++;
        misses = 0;
        if (quality(face) > quality(best)) best = face;
    }

    void miss() {
        misses++;
    }

    private static float quality(Face f) {
        return f.quality() == null ? f.score() : f.quality().score();
    }

    public long id() {
        return id;
    }

    /** The face of the latest frame in which the track was seen. */
    public Face latest() {
        return latest;
    }

    /** Its best-quality face so far: what an edge node sends and what an operator wants to see. */
    public Face best() {
        return best;
    }

    public BoundingBox box() {
        return latest.box();
    }

    public Embedding embedding() {
        return latest.embedding();
    }

    /** Frames in which it was seen. */
    public int hits() {
        return hits;
    }

    /** Consecutive analysed frames in which it was not seen; 0 means it is in view now. */
    public int misses() {
        return misses;
    }
}
