package dev.vigil.recognition;

import dev.vigil.engine.Embedding;
import java.util.List;

/** Nearest-subject search over face templates, updated live. Implementations are safe for concurrent use. */
public interface EmbeddingIndex {

    void add(String templateId, String subjectId, Embedding embedding);

    boolean remove(String templateId);

    /** Removes every template of the subject; returns how many. */
    int removeSubject(String subjectId);

    int size();

    /** The best {@code maxSubjects} subjects, each with its best template, best first. */
    List<Match> search(Embedding query, int maxSubjects);
}
