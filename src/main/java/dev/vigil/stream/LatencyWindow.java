package dev.vigil.stream;

import java.util.Arrays;

/** The last few hundred latencies (a frame grabbed → decided, a node observation queued → taken), for p50/p95. Thread-safe. */
public final class LatencyWindow {
    private final double[] millis = new double[512];
    private int next;
    private int size;

    public synchronized void add(double ms) {
        millis[next] = ms;
        next = (next + 1) % millis.length;
        size = Math.min(size + 1, millis.length);
    }

    /** The p-th percentile in milliseconds, NaN before the first frame. */
    public synchronized double percentile(double p) {
        if (size == 0) return Double.NaN;
        double[] sorted = Arrays.copyOf(millis, size);
        Arrays.sort(sorted);
        return sorted[Math.max(0, Math.min(size - 1, (int) Math.ceil(p / 100 * size) - 1))];
    }

    public synchronized void clear() {
        size = 0;
        next = 0;
    }
}
