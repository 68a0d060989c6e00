package dev.vigil.gallery;

import java.time.Instant;
import java.util.Map;

/** A person Vigil knows, with how many face templates they have. */
public record Subject(String id, String name, Instant createdAt, Instant updatedAt, Map<String, String> metadata,
                      int templateCount) {
    public Subject {
        metadata = Map.copyOf(metadata);
    }
}
