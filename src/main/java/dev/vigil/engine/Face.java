package dev.vigil.engine;

/**
 * Everything the engine found about one face. Parts the caller did not ask for are null ({@link AnalyzeOptions}).
 *
 * @param box         the detector's box, squared (side = box height) and clipped to the image
 * @param score       detector confidence in [0,1]
 * @param landmarks   68 points in image pixels
 * @param embedding   L2-normalised 512-d embedding of the 5-point-aligned crop
 * @param quality     sharpness, brightness, size, pose and a combined score
 * @param liveness    passive liveness probability (fr_liveness.onnx), NaN when not measured
 * @param eyes        eye state, null when not measured
 * @param alignedJpeg the aligned 112x112 crop as JPEG, null unless asked for
 */
public record Face(BoundingBox box, float score, Landmarks landmarks, Embedding embedding, Quality quality,
                   float liveness, Eyes eyes, byte[] alignedJpeg) {
}
