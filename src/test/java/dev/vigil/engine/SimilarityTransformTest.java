package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityTransformTest {

    @Test
    void recoversAKnownRotationScaleAndShift() {
        double angle = Math.toRadians(17), scale = 2.5, tx = 40, ty = -12;
        List<Point> src = new ArrayList<>();
        float[][] dst = new float[5][];
        for (int i = 0; i < 5; i++) {
            float x = SimilarityTransform.ARCFACE_112[i][0], y = SimilarityTransform.ARCFACE_112[i][1];
            // src = inverse map of the template, so estimate(src -> template) must give the forward map.
            src.add(new Point(x, y));
            dst[i] = new float[] {(float) (scale * (Math.cos(angle) * x - Math.sin(angle) * y) + tx),
                    (float) (scale * (Math.sin(angle) * x + Math.cos(angle) * y) + ty)};
        }
        double[] m = SimilarityTransform.estimate(src, dst);
        assertThat(m[0]).isCloseTo(scale * Math.cos(angle), offset(1e-4));
        assertThat(m[3]).isCloseTo(scale * Math.sin(angle), offset(1e-4));
        assertThat(m[1]).isCloseTo(-m[3], offset(1e-9));
        assertThat(m[2]).isCloseTo(tx, offset(1e-3));
        assertThat(m[5]).isCloseTo(ty, offset(1e-3));
    }
}
