/**
 * The face engine: decoding images, and the ONNX models that find faces, place 68 landmarks, align, embed and judge
 * quality, liveness and eye state. It knows nothing of HTTP, storage or streams; it takes pixels and returns records.
 * {@link dev.vigil.engine.FaceEngine} owns the ONNX sessions for the life of the process.
 */
package dev.vigil.engine;
