package dev.vigil.engine;

/** An axis-aligned box in image pixels, corner form. */
public record BoundingBox(float x1, float y1, float x2, float y2) {

    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }

    public float area() {
        return Math.max(0, width()) * Math.max(0, height());
    }

    public float centerX() {
        return (x1 + x2) / 2;
    }

    public float centerY() {
        return (y1 + y2) / 2;
    }

    public boolean contains(Point p) {
        return p.x() >= x1 && p.x() <= x2 && p.y() >= y1 && p.y() <= y2;
    }

    public float iou(BoundingBox o) {
        float ix = Math.max(0, Math.min(x2, o.x2) - Math.max(x1, o.x1));
        float iy = Math.max(0, Math.min(y2, o.y2) - Math.max(y1, o.y1));
        float inter = ix * iy;
        float union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** A box scaled about its centre. */
    public BoundingBox scaled(float factor) {
        float hw = width() * factor / 2, hh = height() * factor / 2;
        return new BoundingBox(centerX() - hw, centerY() - hh, centerX() + hw, centerY() + hh);
    }

    public BoundingBox clippedTo(int imageWidth, int imageHeight) {
        return new BoundingBox(clamp(x1, imageWidth), clamp(y1, imageHeight), clamp(x2, imageWidth), clamp(y2, imageHeight));
    }

    /** A square box of side = height, centred on this one; the detector's boxes are squared this way. */
    public BoundingBox squaredByHeight() {
        float h = height() / 2;
        return new BoundingBox(centerX() - h, centerY() - h, centerX() + h, centerY() + h);
    }

    /** Moves the box inside the image without resizing it, shrinking only if it is larger than the image. */
    public BoundingBox shiftedInside(int imageWidth, int imageHeight) {
        float w = Math.min(width(), imageWidth), h = Math.min(height(), imageHeight);
        float nx = Math.max(0, Math.min(x1, imageWidth - w));
        float ny = Math.max(0, Math.min(y1, imageHeight - h));
        return new BoundingBox(nx, ny, nx + w, ny + h);
    }

    private static float clamp(float v, int max) {
        return Math.max(0, Math.min(v, max));
    }

    public float[] toArray() {
        return new float[] {x1, y1, x2, y2};
    }
}
