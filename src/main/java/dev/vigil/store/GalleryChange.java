package dev.vigil.store;

import dev.vigil.engine.Embedding;

/**
 * One committed change to the gallery, numbered in commit order. An added template carries its embedding, or null
 * when the template was deleted again before the change was read (a later change says so).
 */
public record GalleryChange(long seq, Kind kind, String subjectId, String templateId, Embedding embedding) {

    public enum Kind { TEMPLATE_ADDED, TEMPLATE_DELETED, SUBJECT_DELETED, SUBJECT_RENAMED }
}
