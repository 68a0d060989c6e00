package dev.vigil.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.Embedding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Linking faces to tracks, alone, on hand-made boxes and embeddings. */
class AssociationTest {
    static final Association.Params P = new Association.Params(0.3f, 0.45f);
    static final Embedding ANN = unit(1, 0, 0), ANN_NOISY = unit(0.9f, 0.3f, 0), BOB = unit(0, 1, 0), CAROL = unit(0, 0, 1);

    static Embedding unit(float... v) {
        return Embedding.normalised(v);
    }

    static BoundingBox box(float x) {
        return new BoundingBox(x, 100, x + 100, 200);
    }

    @Test
    void aFaceContinuesTheOverlappingTrackOfTheSamePerson() {
        int[] m = Association.match(List.of(box(0), box(300)), List.of(ANN, BOB), List.of(box(310), box(10)),
                List.of(BOB, ANN_NOISY), P);
        assertThat(m).containsExactly(1, 0);
    }

    @Test
    void overlapAloneDoesNotLinkADifferentPerson() {
        int[] m = Association.match(List.of(box(0)), List.of(ANN), List.of(box(5)), List.of(BOB), P);
        assertThat(m).containsExactly(-1);
    }

    @Test
    void theSamePersonIsFollowedWhereverTheyMoved() {
        int[] m = Association.match(List.of(box(0)), List.of(ANN), List.of(box(600)), List.of(ANN_NOISY), P);
        assertThat(m).containsExactly(0);
    }

    @Test
    void eachTrackTakesAtMostOneFaceTheBestOne() {
        int[] m = Association.match(List.of(box(0)), List.of(ANN), List.of(box(40), box(2)), List.of(ANN, ANN), P);
        assertThat(m).containsExactly(-1, 0);
        assertThat(Association.match(List.of(), List.of(), List.of(box(0)), List.of(CAROL), P)).containsExactly(-1);
    }
}
