/**
 * Is a tracked face a live person? Small pure rules, tested alone on sequences: the eye aspect ratio from the 68
 * landmarks ({@link dev.vigil.liveness.EyeAspectRatio}), blinks as a closed-then-open pattern over time
 * ({@link dev.vigil.liveness.BlinkDetector}), and a track's verdict combining blinks with the passive liveness model
 * ({@link dev.vigil.liveness.TrackLiveness}). A photo or a screen held to a camera shows the same eyes frame after
 * frame: it never blinks.
 */
package dev.vigil.liveness;
