package dev.vigil.liveness;

import dev.vigil.engine.Landmarks;
import dev.vigil.engine.Point;

/**
 * Soukupová and Čech's eye aspect ratio: the eyelid openings over the eye's width, about 0.3 for an open eye and
 * below 0.2 for a closed one. Measured here rather than by fr_eye.onnx because on real video the model barely moves
 * (on the Hamilton clip it says "open" for every frame of the singer and "closed" for the whole audience), while the
 * ratio follows the eyelids; and it costs nothing beyond the landmarks every face already has.
 */
public final class EyeAspectRatio {
    private EyeAspectRatio() {
    }

    /** Mean of both eyes (iBUG points 36-41 and 42-47). */
    public static float of(Landmarks m) {
        return (eye(m, 36) + eye(m, 42)) / 2;
    }

    /** One eye from its six points: corner, two upper lid points, corner, two lower lid points. */
    static float eye(Landmarks m, int first) {
        double vertical = distance(m.get(first + 1), m.get(first + 5)) + distance(m.get(first + 2), m.get(first + 4));
        double horizontal = distance(m.get(first), m.get(first + 3));
        return horizontal == 0 ? 0f : (float) (vertical / (2 * horizontal));
    }

    private static double distance(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
