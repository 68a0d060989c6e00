package dev.vigil.recognition;

import dev.vigil.engine.Embedding;

/**
 * Lowers a candidate subject's similarity for a probe before the thresholds decide, e.g. when an operator said faces
 * like this one are not that subject. Implementations are safe for concurrent use and fast (called per candidate).
 */
@FunctionalInterface
public interface Penalty {
    Penalty NONE = (subjectId, probe, similarity) -> similarity;

    /** The similarity to use for {@code subjectId}: {@code similarity} itself when nothing speaks against it. */
    float adjust(String subjectId, Embedding probe, float similarity);
}
