package dev.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class VerificationTest {

    @Test
    void bestThresholdSeparatesSeparableScores() {
        double[] s = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
        boolean[] same = {false, false, false, true, true, true};
        var t = Verification.bestThreshold(s, same);
        assertThat(t.accuracy()).isEqualTo(1.0);
        assertThat(t.threshold()).isBetween(0.3, 0.7);
    }

    @Test
    void accuracyCountsBothKindsOfError() {
        double[] s = {0.1, 0.6, 0.4, 0.9};
        boolean[] same = {false, false, true, true};
        assertThat(Verification.accuracyAt(s, same, 0.5)).isEqualTo(0.5);
    }

    @Test
    void tarAtFarRejectsAllButTheAllowedImpostors() {
        double[] s = new double[200];
        boolean[] same = new boolean[200];
        for (int i = 0; i < 100; i++) { s[i] = i / 100.0; same[i] = false; }          // impostors 0.00..0.99
        for (int i = 0; i < 100; i++) { s[100 + i] = 0.5 + i / 200.0; same[100 + i] = true; } // genuine 0.5..0.995
        // FAR 1% allows one impostor (0.99) above the threshold; genuine at or above 0.98 are 0.98, 0.985, 0.99, 0.995.
        assertThat(Verification.tarAtFar(s, same, 0.01)).isCloseTo(0.03, offset(0.011));
        assertThat(Verification.tarAtFar(s, same, 0.10)).isCloseTo(0.21, offset(0.011));
    }

    @Test
    void kFoldUsesOtherFoldsForTheThreshold() {
        double[] s = {0.1, 0.9, 0.2, 0.8};
        boolean[] same = {false, true, false, true};
        var r = Verification.kFold(s, same, new int[] {0, 0, 1, 1}, 2);
        assertThat(r.meanAccuracy()).isEqualTo(1.0);
    }
}
