package dev.vigil.liveness;

import java.util.ArrayDeque;

/**
 * Counts blinks in one track's eye aspect ratios over time. A blink is closed-then-open: a ratio at most
 * {@code closedRatio} times a later one, within {@code windowNanos}. Ratios are compared with each other rather than
 * with a fixed threshold, because an open eye's ratio differs between people, poses and cameras (0.30 to 0.42 for
 * the same singer on the Hamilton clip). After a blink, only samples after it count, so one blink is counted once.
 * Used by one thread at a time.
 */
public final class BlinkDetector {
    private record Sample(long nanos, float ratio) {
    }

    private final long windowNanos;
    private final float closedRatio;
    private final ArrayDeque<Sample> recent = new ArrayDeque<>();
    private int blinks;

    public BlinkDetector(long windowNanos, float closedRatio) {
        this.windowNanos = windowNanos;
        this.closedRatio = closedRatio;
    }

    /** Adds one frame's ratio; returns true when it completes a blink. Samples must come in time order. */
    public boolean add(long nanos, float ratio) {
        while (!recent.isEmpty() && nanos - recent.peekFirst().nanos() > windowNanos) recent.removeFirst();
        boolean blink = false;
        for (Sample s : recent) {
            if (s.ratio() <= closedRatio * ratio) {
                blink = true;
                break;
            }
        }
        if (blink) {
            blinks++;
            recent.clear();
        }
        recent.addLast(new Sample(nanos, ratio));
        return blink;
    }

    public int blinks() {
        return blinks;
    }
}
