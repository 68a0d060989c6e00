package dev.vigil.store;

import dev.vigil.engine.Embedding;

/**
 * One committed change to the gallery, numbered in commit order. An added (or moved) template carries its embedding,
 * or null when the template was deleted again before the change was read (a later change says so). A moved template
 * (a merge) names the subject it now belongs to.
 */
public record GalleryChange(long seq, Kind kind, String subjectId, String templateId, Embedding embedding) {

    public enum Kind { TEMPLATE_ADDED, TEMPLATE_MOVED, TEMPLATE_DELETED, SUBJECT_DELETED, SUBJECT_RENAMED }
}
