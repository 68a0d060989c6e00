package dev.vigil.recognition;

import java.util.List;

/**
 * The decision rule over cosine similarity. Values come from config ({@code recognition.accept},
 * {@code recognition.rejectFloor}); see {@link dev.vigil.config.VigilConfig.Recognition} for how they were measured.
 */
public record Thresholds(float accept, float rejectFloor) {

    public Thresholds {
        if (!(0 <= rejectFloor && rejectFloor <= accept && accept <= 1)) {
            throw new IllegalArgumentException("thresholds must satisfy 0 <= rejectFloor <= accept <= 1");
        }
    }

    /** The decision and the subject it is about (null for UNKNOWN). */
    public record Verdict(Decision decision, Match best) {
    }

    /** {@code candidates} best first, as {@link EmbeddingIndex#search} returns them. */
    public Verdict decide(List<Match> candidates) {
        if (candidates.isEmpty()) return new Verdict(Decision.UNKNOWN, null);
        Match best = candidates.get(0);
        if (best.similarity() >= accept) return new Verdict(Decision.PASS, best);
        if (best.similarity() >= rejectFloor) return new Verdict(Decision.REJECT, best);
        return new Verdict(Decision.UNKNOWN, null);
    }
}
