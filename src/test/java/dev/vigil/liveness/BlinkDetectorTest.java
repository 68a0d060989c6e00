package dev.vigil.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlinkDetectorTest {
    static final long MS = 1_000_000L;

    private static BlinkDetector feed(long windowMs, float... ratios) {
        var d = new BlinkDetector(windowMs * MS, 0.75f);
        for (int i = 0; i < ratios.length; i++) d.add(i * 100 * MS, ratios[i]);
        return d;
    }

    @Test
    void eyesClosingThenOpeningWithinTheWindowIsOneBlink() {
        assertThat(feed(3000, 0.31f, 0.30f, 0.12f, 0.14f, 0.30f, 0.31f, 0.32f).blinks()).isEqualTo(1);
    }

    @Test
    void twoSeparateBlinksCountTwice() {
        assertThat(feed(3000, 0.30f, 0.12f, 0.31f, 0.30f, 0.13f, 0.30f).blinks()).isEqualTo(2);
    }

    @Test
    void aStillPhotoNeverBlinks() {
        float[] still = new float[100];
        java.util.Arrays.fill(still, 0.29f);
        assertThat(feed(3000, still).blinks()).isZero();
    }

    @Test
    void landmarkJitterIsNotABlink() {
        assertThat(feed(3000, 0.30f, 0.29f, 0.31f, 0.28f, 0.30f, 0.27f, 0.31f).blinks()).isZero();
    }

    @Test
    void eyesThatOpenOnlyAfterTheWindowAreNotABlink() {
        // Closed at t=0, open at t=0.5 s: a blink in a 1 s window, not in a 0.3 s one.
        for (long window : new long[] {1000, 300}) {
            var d = new BlinkDetector(window * MS, 0.75f);
            d.add(0, 0.12f);
            d.add(500 * MS, 0.30f);
            assertThat(d.blinks()).as("window " + window + " ms").isEqualTo(window == 1000 ? 1 : 0);
        }
    }

    @Test
    void closingWithoutReopeningIsNotABlink() {
        assertThat(feed(3000, 0.30f, 0.30f, 0.12f, 0.12f, 0.11f).blinks()).isZero();
    }

    @Test
    void aTrackIsLiveOnlyWithEnoughBlinksAndPassiveLiveness() {
        var rule = new TrackLiveness.Rule(3000 * MS, 0.75f, 1, 0.5f);
        var noBlink = new TrackLiveness(rule);
        assertThat(noBlink.live()).isFalse();
        assertThat(noBlink.score()).isZero();
        assertThat(new TrackLiveness(new TrackLiveness.Rule(3000 * MS, 0.75f, 0, 0.5f)).live()).isTrue();
    }
}
