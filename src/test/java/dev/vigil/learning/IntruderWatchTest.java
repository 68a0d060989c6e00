package dev.vigil.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntruderWatchTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void anAutoProfileSeenKTimesWithinTheWindowIsOneAlert() {
        var w = new IntruderWatch(3, Duration.ofMinutes(10), 0.5f);
        assertThat(w.add(new IntruderWatch.Sighting(T0, "p1", null))).isFalse();
        assertThat(w.add(new IntruderWatch.Sighting(T0.plusSeconds(60), "p2", null))).as("someone else").isFalse();
        assertThat(w.add(new IntruderWatch.Sighting(T0.plusSeconds(120), "p1", null))).isFalse();
        assertThat(w.add(new IntruderWatch.Sighting(T0.plusSeconds(180), "p1", null))).isTrue();
        assertThat(w.add(new IntruderWatch.Sighting(T0.plusSeconds(240), "p1", null))).as("already alerted").isFalse();
    }

    @Test
    void sightingsOutsideTheWindowDoNotAddUp() {
        var w = new IntruderWatch(2, Duration.ofMinutes(1), 0.5f);
        assertThat(w.add(new IntruderWatch.Sighting(T0, "p1", null))).isFalse();
        assertThat(w.add(new IntruderWatch.Sighting(T0.plusSeconds(120), "p1", null))).isFalse();
        assertThat(w.add(new IntruderWatch.Sighting(T0.plusSeconds(150), "p1", null))).isTrue();
    }
}
