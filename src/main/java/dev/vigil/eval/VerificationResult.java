package dev.vigil.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verification statistics of one pair set. With folds, accuracy is the LFW protocol's (threshold chosen on the other
 * folds); without, it is the best-threshold accuracy on a balanced subset (as many impostor as genuine pairs), since
 * sampled impostors far outnumber genuine pairs and would make any accuracy meaningless.
 *
 * @param tarAtFar FAR → TAR, null where there are too few impostor pairs to measure that FAR
 */
public record VerificationResult(PairScores pairs, double accuracy, double accuracyStd, double threshold, double auc,
                                 Map<Double, Double> tarAtFar, Map<Double, Double> thresholdAtFar) {
    public static final List<Double> FARS = List.of(1e-1, 1e-2, 1e-3, 1e-4);

    public static VerificationResult of(PairScores p) {
        double accuracy, std, threshold;
        if (p.folds() > 1) {
            var tenFold = Verification.kFold(p.scores(), p.same(), p.fold(), p.folds());
            accuracy = tenFold.meanAccuracy();
            std = tenFold.stdAccuracy();
            threshold = Arrays.stream(tenFold.thresholds()).average().orElse(0);
        } else {
            double[] g = p.genuine(), im = p.impostor();
            int k = Math.min(g.length, im.length);
            double[] s = new double[2 * k];
            boolean[] same = new boolean[2 * k];
            System.arraycopy(g, 0, s, 0, k);
            System.arraycopy(im, 0, s, k, k);
            Arrays.fill(same, 0, k, true);
            var best = Verification.bestThreshold(s, same);
            accuracy = best.accuracy();
            std = Double.NaN;
            threshold = best.threshold();
        }
        Map<Double, Double> tar = new LinkedHashMap<>(), thr = new LinkedHashMap<>();
        double[] impostor = p.impostor();
        for (double far : FARS) {
            boolean ok = Verification.canMeasureFar(impostor.length, far);
            tar.put(far, ok ? Verification.tarAtFar(p.scores(), p.same(), far) : null);
            thr.put(far, ok ? Verification.thresholdAtFar(impostor, far) : null);
        }
        return new VerificationResult(p, accuracy, std, threshold, Verification.auc(p.scores(), p.same()), tar, thr);
    }
}
