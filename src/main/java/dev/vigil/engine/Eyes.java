package dev.vigil.engine;

/** Probability that each eye is open (image-left eye first), from fr_eye.onnx. */
public record Eyes(float leftOpen, float rightOpen) {
    public boolean bothOpen() {
        return leftOpen >= 0.5f && rightOpen >= 0.5f;
    }

    public boolean bothClosed() {
        return leftOpen < 0.5f && rightOpen < 0.5f;
    }
}
