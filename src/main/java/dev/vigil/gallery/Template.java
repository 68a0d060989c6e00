package dev.vigil.gallery;

import dev.vigil.engine.Embedding;
import java.time.Instant;

/** One enrolled face of a subject: its embedding, quality and where it came from. The crop is fetched separately. */
public record Template(String id, String subjectId, Embedding embedding, float quality, String source,
                       Instant createdAt, boolean hasCrop) {
}
