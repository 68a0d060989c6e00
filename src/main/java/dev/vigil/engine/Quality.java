package dev.vigil.engine;

/**
 * How usable a face is for recognition. Each part is measured on the aligned 112x112 crop (sharpness as the variance
 * of the Laplacian, brightness as mean grey 0..255) or on the detection (size: the shorter box side in source pixels;
 * pose: from fr_pose.onnx, null when not measured). {@code score} combines them in [0,1].
 */
public record Quality(float sharpness, float brightness, float faceSize, Pose pose, float score) {

    /** Combines the parts as a weighted geometric mean of per-part scores, so any unusable part pulls it to 0. */
    public static Quality of(float sharpness, float brightness, float faceSize, Pose pose) {
        double size = ramp(faceSize, 24, 100);
        double sharp = 1 - Math.exp(-sharpness / 120.0);
        double bright = brightness < 60 ? ramp(brightness, 15, 60) : 1 - ramp(brightness, 200, 245);
        double posePart = pose == null ? 1
                : (1 - ramp(Math.abs(pose.yaw()), 20, 70)) * (1 - ramp(Math.abs(pose.pitch()), 20, 55));
        double score = Math.pow(size, 0.3) * Math.pow(sharp, 0.25) * Math.pow(bright, 0.15) * Math.pow(posePart, 0.3);
        return new Quality(sharpness, brightness, faceSize, pose, (float) score);
    }

    /** 0 at or below lo, 1 at or above hi, linear between. */
    static double ramp(double v, double lo, double hi) {
        return Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
    }
}
