package dev.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * The statistics of {@code vigil eval} on a tiny synthetic similarity set, every number worked out by hand:
 * genuine 0.9 0.8 0.6 0.35; impostors 0.7 0.5 0.4 0.3 0.2 0.1 0.1 0.0 -0.1 -0.2.
 */
class EvalMathTest {
    static final double[] SCORES = {0.9, 0.8, 0.6, 0.35, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1, 0.0, -0.1, -0.2};
    static final boolean[] SAME = {true, true, true, true, false, false, false, false, false, false, false, false, false, false};

    static PairScores pairs() {
        return new PairScores("synthetic", SCORES, SAME, new int[SCORES.length], 1, 10, 0);
    }

    @Test
    void tarAtFarLetsThroughOnlyTheAllowedShareOfImpostors() {
        // FAR 0.1 of 10 impostors: 0.7 may pass, 0.5 may not; genuine above 0.5 are 0.9 0.8 0.6.
        assertThat(Verification.thresholdAtFar(pairs().impostor(), 0.1)).isEqualTo(Math.nextUp(0.5));
        assertThat(Verification.tarAtFar(SCORES, SAME, 0.1)).isEqualTo(0.75);
        // FAR 0.01 allows none: only 0.9 and 0.8 are above 0.7.
        assertThat(Verification.tarAtFar(SCORES, SAME, 0.01)).isEqualTo(0.5);
        assertThat(Verification.canMeasureFar(10, 0.1)).isTrue();
        assertThat(Verification.canMeasureFar(10, 0.01)).isFalse();
    }

    @Test
    void aucIsTheShareOfGenuineImpostorPairsInTheRightOrder() {
        // 0.9 and 0.8 beat all 10 impostors, 0.6 beats 9, 0.35 beats 7: 36 of 40.
        assertThat(Verification.auc(SCORES, SAME)).isCloseTo(0.9, offset(1e-12));
        var roc = Verification.roc(SCORES, SAME);
        assertThat(roc.get(0).tar()).isZero();
        assertThat(roc.get(roc.size() - 1).far()).isEqualTo(1.0);
        assertThat(roc.get(roc.size() - 1).tar()).isEqualTo(1.0);
    }

    @Test
    void withoutFoldsAccuracyIsMeasuredOnAsManyImpostorsAsGenuinePairs() {
        // Balanced: genuine 0.9 0.8 0.6 0.35 and impostors 0.7 0.5 0.4 0.3. Best: 6 of 8 (e.g. accept above 0.7).
        var v = VerificationResult.of(pairs());
        assertThat(v.accuracy()).isEqualTo(0.75);
        assertThat(v.tarAtFar()).containsEntry(0.1, 0.75).containsEntry(0.01, null).containsEntry(1e-4, null);
        assertThat(v.auc()).isCloseTo(0.9, offset(1e-12));
        // All pairs together: 12 of 14 at best.
        assertThat(Verification.bestThreshold(SCORES, SAME).accuracy()).isCloseTo(12 / 14.0, offset(1e-12));
    }

    static OpenSet.Result openSet() {
        // 5 enrolled probes (one without a face): own subject nearest at 0.9 0.6 0.4, someone else at 0.5.
        return new OpenSet.Result(8, 1, 4, 4, 5, 1, 4, 4, 0, new double[] {0.9, 0.6, 0.4}, new double[] {0.5},
                new double[] {0.55, 0.3, 0.2, 0.1});
    }

    @Test
    void openSetRatesCountFacelessProbesAsNotPassed() {
        var at = openSet().at(0.5);
        assertThat(at.enrolledCorrectPass()).isEqualTo(2 / 5.0);
        assertThat(at.enrolledWrongPass()).isEqualTo(1 / 5.0);
        assertThat(at.strangerPass()).isEqualTo(1 / 4.0);
        assertThat(openSet().thresholdForStrangerRate(0.25)).isEqualTo(Math.nextUp(0.3));
        assertThat(openSet().thresholdForStrangerRate(0.0)).isEqualTo(Math.nextUp(0.55));
    }

    @Test
    void calibrationTakesTheStricterLimitRoundedUpAndKeepsTheFloorBelowAccept() {
        // FAR 0.1 needs > 0.5; strangers at most 25% needs > 0.3: accept 0.51. The 1% floor (> 0.7) is clamped to it.
        var p = Calibrator.propose(VerificationResult.of(pairs()), openSet(), 0.1, 0.25);
        assertThat(p.acceptForFar()).isEqualTo(Math.nextUp(0.5));
        assertThat(p.acceptForStrangers()).isEqualTo(Math.nextUp(0.3));
        assertThat(p.accept()).isEqualTo(0.51);
        assertThat(p.rejectFloor()).isEqualTo(0.51);
    }

    @Test
    void thresholdStatsBinsAgreeWithTheServersFloatComparison() {
        assertThat(ThresholdStats.bin(0.35f)).isEqualTo(135); // 0.35f >= 0.35f: in the bin starting at 0.35
        assertThat(ThresholdStats.bin(Math.nextDown(0.35f))).isEqualTo(134);
        assertThat(ThresholdStats.bin(-1f)).isZero();
        assertThat(ThresholdStats.bin(1f)).isEqualTo(200);
    }
}
