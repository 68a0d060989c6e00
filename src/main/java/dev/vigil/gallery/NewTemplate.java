package dev.vigil.gallery;

import dev.vigil.engine.Embedding;

/** A template to store; {@code crop} is the aligned 112x112 face as JPEG, or null. */
public record NewTemplate(Embedding embedding, float quality, String source, byte[] crop) {
}
