package dev.vigil.stream;

import dev.vigil.engine.BoundingBox;
import dev.vigil.recognition.Decision;

/**
 * A track seen in the latest analysed frame, as the status JSON lists it.
 *
 * @param decision   null while the vote is still open
 * @param subjectId  the subject named (PASS), else null
 * @param confidence mean similarity to the named subject over the agreeing frames, or to the nearest one when unknown
 */
public record PersonInView(long trackId, Decision decision, String subjectId, String name, float confidence, BoundingBox box) {

    public boolean known() {
        return decision == Decision.PASS;
    }
}
