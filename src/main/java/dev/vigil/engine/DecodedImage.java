package dev.vigil.engine;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A decoded BGR image that owns its native pixels; close it to free them. {@code scale} is the factor from the
 * original (EXIF-upright) image to these pixels, below 1 when a large image was downscaled on decode; the engine
 * reports coordinates in original pixels.
 */
public final class DecodedImage implements AutoCloseable {
    private final Mat bgr;
    private final float scale;
    private final int originalWidth;
    private final int originalHeight;

    public DecodedImage(Mat bgr, float scale, int originalWidth, int originalHeight) {
        this.bgr = bgr;
        this.scale = scale;
        this.originalWidth = originalWidth;
        this.originalHeight = originalHeight;
    }

    /** Wraps a BGR frame without taking a copy; the caller keeps ownership of {@code bgr} only if it does not close this. */
    public static DecodedImage of(Mat bgr) {
        return new DecodedImage(bgr, 1f, bgr.cols(), bgr.rows());
    }

    public Mat mat() {
        if (bgr.isNull()) throw new IllegalStateException("image already closed");
        return bgr;
    }

    public int width() {
        return bgr.cols();
    }

    public int height() {
        return bgr.rows();
    }

    public float scale() {
        return scale;
    }

    public int originalWidth() {
        return originalWidth;
    }

    public int originalHeight() {
        return originalHeight;
    }

    @Override
    public void close() {
        bgr.close();
    }
}
