package dev.vigil.engine;

import java.util.List;

/**
 * The 68 iBUG-300W landmarks of one face (36-41 and 42-47 are the eyes, 30 the nose tip, 48/54 the outer and 60/64
 * the inner mouth corners), and the 5 alignment points derived from them.
 */
public record Landmarks(List<Point> points) {

    public static final int COUNT = 68;

    public Landmarks {
        if (points.size() != COUNT) throw new IllegalArgumentException("expected 68 landmarks, got " + points.size());
        points = List.copyOf(points);
    }

    @Override
    public String toString() {
        return "Landmarks[68 points, nose tip " + get(30) + "]";
    }

    public Point get(int i) {
        return points.get(i);
    }

    /** Eye, eye, nose, mouth, mouth: the order of the ArcFace alignment template. Image-left eye first. */
    public List<Point> fivePoints() {
        return List.of(
                Point.mean(get(37), get(38), get(40), get(41)),
                Point.mean(get(43), get(44), get(46), get(47)),
                get(30),
                Point.mean(get(48), get(60)),
                Point.mean(get(54), get(64)));
    }
}
