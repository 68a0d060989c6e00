package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.recognition.Thresholds;
import org.junit.jupiter.api.Test;

/** The compat score: one band per decision, monotone in cosine, and nothing between REJECT and PASS. */
class CompatScoreTest {
    private static final Thresholds T = new Thresholds(0.35f, 0.22f);

    @Test
    void eachDecisionHasItsOwnBand() {
        assertThat(CompatScore.of(-0.3f, T)).isZero();
        assertThat(CompatScore.of(0.10f, T)).isBetween(0f, 0.39f);
        assertThat(CompatScore.of(0.22f, T)).isEqualTo(0.40f);
        assertThat(CompatScore.of(0.3499f, T)).isBetween(0.40f, 0.59f);
        assertThat(CompatScore.of(0.35f, T)).isEqualTo(0.90f);
        assertThat(CompatScore.of(1f, T)).isEqualTo(1f);
    }

    @Test
    void theScoreRisesWithSimilarityAndSkipsTheGapThatClientThresholdsFallIn() {
        float previous = -1;
        for (int i = -100; i <= 100; i++) {
            float s = CompatScore.of(i / 100f, T);
            assertThat(s).isGreaterThanOrEqualTo(previous);
            // Double Take's 60, DeepStack's 0.67 and CompreFace's usual 0.8 all sit in the gap, so each agrees with Vigil.
            assertThat(s > CompatScore.REJECT_CEILING && s < CompatScore.PASS_FLOOR).as("cosine %d/100", i).isFalse();
            assertThat(s >= 0.6f).isEqualTo(i / 100f >= T.accept());
            previous = s;
        }
    }

    @Test
    void equalThresholdsStillGiveABandedScore() {
        var same = new Thresholds(0.3f, 0.3f);
        assertThat(CompatScore.of(0.29f, same)).isLessThan(0.40f);
        assertThat(CompatScore.of(0.3f, same)).isEqualTo(0.90f);
        assertThat(CompatScore.of(-0.1f, new Thresholds(0.3f, 0f))).isZero();
        assertThat(CompatScore.of(0f, new Thresholds(0.3f, 0f))).isEqualTo(0.40f);
    }
}
