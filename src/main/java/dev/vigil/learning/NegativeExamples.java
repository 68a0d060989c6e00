package dev.vigil.learning;

import dev.vigil.engine.Embedding;
import dev.vigil.recognition.Penalty;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Faces an operator said are not a subject, in memory per subject, as a {@link Penalty} on that subject's candidates.
 * The rule ({@link #penalised}): when the probe is closer to one of the subject's negative examples than to its best
 * template, the subject's similarity drops by that margin. A face like the one wrongly accepted is pushed below the
 * thresholds; the subject's own faces, closer to its templates than to the stranger, are untouched.
 */
public final class NegativeExamples implements Penalty {
    private final Map<String, List<Embedding>> bySubject = new ConcurrentHashMap<>();

    void add(String subjectId, Embedding face) {
        bySubject.computeIfAbsent(subjectId, k -> new CopyOnWriteArrayList<>()).add(face);
    }

    void removeSubject(String subjectId) {
        bySubject.remove(subjectId);
    }

    public int count(String subjectId) {
        List<Embedding> faces = bySubject.get(subjectId);
        return faces == null ? 0 : faces.size();
    }

    @Override
    public float adjust(String subjectId, Embedding probe, float similarity) {
        List<Embedding> faces = bySubject.get(subjectId);
        if (faces == null || faces.isEmpty()) return similarity;
        float nearest = -1;
        for (Embedding e : faces) nearest = Math.max(nearest, e.cosine(probe));
        return penalised(similarity, nearest);
    }

    /** {@code template} lowered by how much closer {@code negative} is: {@code template - max(0, negative - template)}. */
    public static float penalised(float template, float negative) {
        return negative > template ? template - (negative - template) : template;
    }
}
