package dev.vigil.eval;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything one {@code vigil eval} run measured; written out as Markdown, JSON and plots.
 *
 * @param pairVerification     the pair list's verification, null without one
 * @param identityVerification verification over the identity folders
 * @param accept               the accept threshold evaluated (proposed with --calibrate, else the configured one)
 * @param thresholdSource      where {@code accept} and {@code rejectFloor} came from
 * @param calibration          the proposal, null without --calibrate
 */
public record EvalReport(String command, Instant time, Path dataset, String model, int identities, int images,
                         List<Path> noFace, List<Path> unreadable, VerificationResult pairVerification,
                         VerificationResult identityVerification, List<OpenSet.Result> openSet, double accept,
                         double rejectFloor, String thresholdSource, Calibrator.Proposal calibration) {

    /** The headline verification: the pair list's when given (the standard protocol), else the identity folders'. */
    public VerificationResult verification() {
        return pairVerification != null ? pairVerification : identityVerification;
    }

    /** Open-set results with this many templates per identity, smallest gallery first. */
    public List<OpenSet.Result> openSet(int templates) {
        return openSet.stream().filter(r -> r.templatesPerIdentity() == templates).toList();
    }

    /** Thresholds at which open-set rates are listed: 0.20 to 0.70 by 0.01. */
    public static double[] thresholdGrid() {
        double[] t = new double[51];
        for (int i = 0; i < t.length; i++) t[i] = Math.round((0.20 + i * 0.01) * 100) / 100.0;
        return t;
    }
}
