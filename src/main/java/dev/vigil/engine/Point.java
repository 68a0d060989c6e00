package dev.vigil.engine;

/** A point in image pixels. */
public record Point(float x, float y) {
    static Point mean(Point... points) {
        float x = 0, y = 0;
        for (Point p : points) {
            x += p.x;
            y += p.y;
        }
        return new Point(x / points.length, y / points.length);
    }
}
