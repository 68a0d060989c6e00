package dev.vigil.engine;

/** Head pose in degrees: yaw (left/right), pitch (up/down), roll (tilt). 0,0,0 faces the camera. */
public record Pose(float yaw, float pitch, float roll) {
}
