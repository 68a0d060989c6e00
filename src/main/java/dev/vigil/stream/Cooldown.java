package dev.vigil.stream;

import java.util.HashMap;
import java.util.Map;

/**
 * Suppresses a repeated PASS for the same person on the same stream: someone standing at a door for a minute, or
 * leaving and coming back, is announced once per cooldown. One per stream, used by its analysis only.
 */
public final class Cooldown {
    private final long cooldownNanos;
    private final Map<String, Long> lastPass = new HashMap<>();

    public Cooldown(double seconds) {
        this.cooldownNanos = (long) (seconds * 1e9);
    }

    /** True, and the time is recorded, when a PASS for {@code subjectId} at {@code nowNanos} may be published. */
    public boolean allow(String subjectId, long nowNanos) {
        Long last = lastPass.get(subjectId);
        if (last != null && !elapsed(last, nowNanos, cooldownNanos)) return false;
        lastPass.put(subjectId, nowNanos);
        return true;
    }

    static boolean elapsed(long lastNanos, long nowNanos, long cooldownNanos) {
        return nowNanos - lastNanos >= cooldownNanos;
    }
}
