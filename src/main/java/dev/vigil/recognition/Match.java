package dev.vigil.recognition;

/** A subject's best template for a query and its cosine similarity. */
public record Match(String subjectId, String templateId, float similarity) {
}
