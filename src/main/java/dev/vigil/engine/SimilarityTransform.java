package dev.vigil.engine;

import java.util.List;

/**
 * Least-squares 2-D similarity transform (rotation, uniform scale, translation) mapping source points onto target
 * points: Umeyama's solution without reflection. Used on all 5 points, which beats the package's 3-point affine by
 * about ten points of LFW accuracy (MODELS.md).
 */
final class SimilarityTransform {

    /** The ArcFace 112x112 template: eye, eye, nose, mouth, mouth. */
    static final float[][] ARCFACE_112 = {
            {38.2946f, 51.6963f}, {73.5318f, 51.5014f}, {56.0252f, 71.7366f}, {41.5493f, 92.3655f}, {70.7299f, 92.2041f}};

    private SimilarityTransform() {
    }

    /** Returns the 2x3 row-major matrix [a -b tx; b a ty] that best maps {@code src} onto {@code dst}. */
    static double[] estimate(List<Point> src, float[][] dst) {
        int n = src.size();
        double sx = 0, sy = 0, dx = 0, dy = 0;
        for (int i = 0; i < n; i++) {
            sx += src.get(i).x();
            sy += src.get(i).y();
            dx += dst[i][0];
            dy += dst[i][1];
        }
        sx /= n; sy /= n; dx /= n; dy /= n;
        double num1 = 0, num2 = 0, den = 0;
        for (int i = 0; i < n; i++) {
            double xs = src.get(i).x() - sx, ys = src.get(i).y() - sy;
            double xd = dst[i][0] - dx, yd = dst[i][1] - dy;
            num1 += xs * xd + ys * yd;
            num2 += xs * yd - ys * xd;
            den += xs * xs + ys * ys;
        }
        if (den == 0) throw new IllegalArgumentException("degenerate points");
        double a = num1 / den, b = num2 / den;
        double tx = dx - (a * sx - b * sy);
        double ty = dy - (b * sx + a * sy);
        return new double[] {a, -b, tx, b, a, ty};
    }
}
