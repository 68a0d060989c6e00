package dev.vigil.stream;

import java.util.Arrays;

/** The last few hundred frame latencies (grabbed → decided), for p50/p95. Thread-safe. */
final class LatencyWindow {
    private final double[] millis = new double[512];
    private int next;
    private int size;

    synchronized void add(double ms) {
        millis[next] = ms;
        next = (next + 1) % millis.length;
        size = Math.min(size + 1, millis.length);
    }

    /** The p-th percentile in milliseconds, NaN before the first frame. */
    synchronized double percentile(double p) {
        if (size == 0) return Double.NaN;
        double[] sorted = Arrays.copyOf(millis, size);
        Arrays.sort(sorted);
        return sorted[Math.max(0, Math.min(size - 1, (int) Math.ceil(p / 100 * size) - 1))];
    }

    synchronized void clear() {
        size = 0;
        next = 0;
    }
}
