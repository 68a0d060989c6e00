package dev.vigil.stream;

/** Events per second over the last few seconds: a ring of event times. Thread-safe. */
final class RateMeter {
    private static final long WINDOW_NANOS = 3_000_000_000L;
    private final long[] times = new long[256];
    private int next;
    private long count;

    synchronized void mark(long nowNanos) {
        times[next] = nowNanos;
        next = (next + 1) % times.length;
        count++;
    }

    synchronized long count() {
        return count;
    }

    synchronized double perSecond(long nowNanos) {
        int n = (int) Math.min(count, times.length);
        int inWindow = 0;
        long oldest = nowNanos;
        for (int i = 0; i < n; i++) {
            long t = times[(next - 1 - i + times.length) % times.length];
            if (nowNanos - t > WINDOW_NANOS) break;
            inWindow++;
            oldest = t;
        }
        if (inWindow < 2) return 0;
        return (inWindow - 1) * 1e9 / Math.max(1, nowNanos - oldest);
    }
}
