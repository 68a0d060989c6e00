package dev.vigil.node;

import dev.vigil.engine.Embedding;

/**
 * When a node sends a track again (seed 001: "compare to previous embedding to avoid duplicates"): only when its best
 * face is clearly better than the one sent and says something new, i.e. its embedding moved away from the sent one.
 * A pure function, tested alone.
 */
public final class Resend {
    private Resend() {
    }

    /** What was last sent for a track. */
    public record Sent(Embedding embedding, float quality) {
    }

    /**
     * @param last           what was sent for the track, null if nothing yet
     * @param minQualityGain the best face's quality must exceed the sent one's by this much
     * @param maxSimilarity  and its embedding must be less alike than this to the sent one
     */
    public static boolean due(Sent last, Embedding best, float bestQuality, float minQualityGain, float maxSimilarity) {
        if (last == null) return true;
        return bestQuality >= last.quality() + minQualityGain && best.cosine(last.embedding()) < maxSimilarity;
    }
}
