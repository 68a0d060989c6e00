package dev.vigil.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client (key name or address): {@code burst} requests at once, refilled at {@code perSecond}.
 * Buckets that have refilled completely are forgotten when the map grows, so a flood of addresses cannot grow it
 * without bound.
 */
public final class RateLimiter {
    private static final int MAX_CLIENTS = 10_000;

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) throw new IllegalArgumentException("a rate limit needs perSecond > 0 and burst >= 1");
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    public RateLimiter(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    /** Takes one token for {@code client}; false when it has none left. */
    public boolean tryAcquire(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_CLIENTS) buckets.values().removeIf(b -> refill(b, now) >= burst);
        Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        synchronized (b) {
            refill(b, now);
            if (b.tokens < 1) return false;
            b.tokens -= 1;
            return true;
        }
    }

    private double refill(Bucket b, long now) {
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.updatedNanos) / 1e9 * perSecond);
            b.updatedNanos = now;
            return b.tokens;
        }
    }
}
