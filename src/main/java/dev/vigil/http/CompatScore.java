package dev.vigil.http;

import dev.vigil.recognition.Thresholds;

/**
 * Vigil's cosine similarity on the 0..1 scale that CompreFace and DeepStack clients put their own thresholds on.
 * Raw cosine would not do: Vigil accepts at 0.35, but Double Take calls 60% a match and DeepStack's default floor is
 * 0.67, so a raw PASS would be "unknown" there and the client's threshold, not Vigil's, would decide.
 *
 * <p>Each decision gets a band of its own, linear in cosine within it: UNKNOWN (below the reject floor) maps into
 * [0, 0.40), REJECT into [0.40, 0.59], PASS into [0.90, 1]. Nothing maps into (0.59, 0.90), so any client threshold
 * in that gap reproduces Vigil's decision exactly: Double Take's default 60, DeepStack's 0.67, CompreFace's usual 0.8.
 */
final class CompatScore {
    static final float UNKNOWN_CEILING = 0.40f;
    static final float REJECT_CEILING = 0.59f;
    static final float PASS_FLOOR = 0.90f;

    private CompatScore() {
    }

    static float of(float cosine, Thresholds t) {
        if (cosine >= t.accept()) return lerp(cosine, t.accept(), 1, PASS_FLOOR, 1);
        if (cosine >= t.rejectFloor()) return lerp(cosine, t.rejectFloor(), t.accept(), UNKNOWN_CEILING, REJECT_CEILING);
        return lerp(Math.max(0, cosine), 0, t.rejectFloor(), 0, UNKNOWN_CEILING - 0.01f);
    }

    /** {@code v} from [lo, hi] onto [from, to], clamped; a point-sized interval maps to {@code from}. */
    private static float lerp(float v, float lo, float hi, float from, float to) {
        if (hi <= lo) return from;
        float f = Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
        return from + f * (to - from);
    }
}
