package dev.vigil.liveness;

import dev.vigil.engine.Face;

/**
 * The liveness of one track: blinks from its landmarks, and the mean of the passive model's score over its frames. A
 * track is live once it has blinked {@code minBlinks} times and its passive mean is at least {@code passiveFloor};
 * the score is the passive mean scaled by how much of the blink requirement is met, so a face that never blinks
 * scores 0 however real it looks to the passive model. Used by the thread analysing the track's stream.
 */
public final class TrackLiveness {

    /** What decides liveness. */
    public record Rule(long blinkWindowNanos, float blinkClosedRatio, int minBlinks, float passiveFloor) {
    }

    private final Rule rule;
    private final BlinkDetector blinks;
    private double passiveSum;
    private int passiveCount;

    public TrackLiveness(Rule rule) {
        this.rule = rule;
        this.blinks = new BlinkDetector(rule.blinkWindowNanos(), rule.blinkClosedRatio());
    }

    /** Adds one frame's face, analysed with attributes (passive liveness) or without (NaN: blinks only). */
    public void add(long nanos, Face face) {
        blinks.add(nanos, EyeAspectRatio.of(face.landmarks()));
        if (!Float.isNaN(face.liveness())) {
            passiveSum += face.liveness();
            passiveCount++;
        }
    }

    public int blinks() {
        return blinks.blinks();
    }

    /** Mean passive liveness over the frames, NaN when none measured it. */
    public float passive() {
        return passiveCount == 0 ? Float.NaN : (float) (passiveSum / passiveCount);
    }

    /** In [0,1]: the passive mean (1 when not measured) times the met share of the blink requirement. */
    public float score() {
        float passive = passiveCount == 0 ? 1f : passive();
        float blinkShare = rule.minBlinks() == 0 ? 1f : Math.min(1f, blinks() / (float) rule.minBlinks());
        return passive * blinkShare;
    }

    public boolean live() {
        return blinks() >= rule.minBlinks() && (passiveCount == 0 || passive() >= rule.passiveFloor());
    }
}
