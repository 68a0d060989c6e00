package dev.vigil.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The decision rules of a stream, alone: vote, cooldown, backoff. */
class StreamRulesTest {
    static final String U = Vote.UNKNOWN;

    @Test
    void aTrackIsNotDecidedBeforeMinFrames() {
        assertThat(Vote.decide(List.of("ann", "ann"), null, 3, 0.6f)).isNull();
        assertThat(Vote.decide(List.of("ann", "ann", "ann"), null, 3, 0.6f)).isEqualTo("ann");
    }

    @Test
    void aNameNeedsTheAgreeingShare() {
        assertThat(Vote.decide(List.of("ann", "bob", U, "ann"), null, 3, 0.6f)).isNull();
        assertThat(Vote.decide(List.of("ann", "bob", "ann", "ann", U), null, 3, 0.6f)).isEqualTo("ann");
        assertThat(Vote.decide(List.of(U, U, "ann"), null, 3, 0.6f)).isEqualTo(U);
    }

    @Test
    void aNamedTrackKeepsItsNameUntilTheEvidenceTurns() {
        assertThat(Vote.decide(List.of("ann", U, U, "ann", "bob"), "ann", 3, 0.6f)).isEqualTo("ann");
        assertThat(Vote.decide(List.of("bob", "bob", "bob", "ann", "bob"), "ann", 3, 0.6f)).isEqualTo("bob");
    }

    @Test
    void aRepeatedPassIsSuppressedForTheCooldownPerPerson() {
        var c = new Cooldown(60);
        long s = 1_000_000_000L;
        assertThat(c.allow("ann", 0)).isTrue();
        assertThat(c.allow("ann", 59 * s)).isFalse();
        assertThat(c.allow("bob", 59 * s)).isTrue();
        assertThat(c.allow("ann", 60 * s)).isTrue();
        assertThat(c.allow("ann", 61 * s)).isFalse();
        assertThat(new Cooldown(0).allow("ann", 5)).isTrue();
    }

    @Test
    void backoffDoublesWithJitterUpToItsMaximum() {
        var b = new Backoff(500, 30_000);
        var random = new SplittableRandom(7);
        for (int i = 0; i < 50; i++) {
            assertThat(b.delayMillis(1, random)).isBetween(250L, 500L);
            assertThat(b.delayMillis(3, random)).isBetween(1000L, 2000L);
            assertThat(b.delayMillis(40, random)).isBetween(15_000L, 30_000L);
        }
        long first = b.delayMillis(5, random);
        boolean varied = false;
        for (int i = 0; i < 20 && !varied; i++) varied = b.delayMillis(5, random) != first;
        assertThat(varied).as("jitter").isTrue();
    }
}
