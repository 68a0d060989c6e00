package dev.vigil.node;

import dev.vigil.engine.Embedding;

/**
 * When a node sends a track again (seed 001: "compare to previous embedding to avoid duplicates"): when the track's
 * embedding has moved away from the one sent, or a clearly better face has arrived; never for the same track as sent.
 * The track's embedding is a running mean, which moves less with every face, so a long track is not sent over and over.
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
     * @param minQualityGain a best face whose quality exceeds the one sent with by this much is sent
     * @param maxSimilarity  a track embedding less alike than this to the one sent is sent
     */
    public static boolean due(Sent last, Embedding track, float bestQuality, float minQualityGain, float maxSimilarity) {
        if (last == null) return true;
        return track.cosine(last.embedding()) < maxSimilarity || bestQuality >= last.quality() + minQualityGain;
    }
}
