package dev.vigil.gallery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.access.Actor;
import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.Face;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.recognition.EmbeddingIndex;
import dev.vigil.store.NotFoundException;
import dev.vigil.store.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * People and their face templates: the store (durable) and the search index (in memory) kept in step. Face analysis
 * runs outside any lock; only the pair "write to the store, then update the index" is serialised, so that a delete
 * racing an enrolment can never leave a template in the index that the store no longer has.
 */
public final class Gallery {

    /** A template just enrolled, with the face it came from. */
    public record Enrolled(Subject subject, Template template, Face face) {
    }

    private final Store store;
    private final EmbeddingIndex index;
    private final FaceEngine engine;
    private final ImageDecoder decoder;
    private final float minQuality;
    private final ReentrantLock writes = new ReentrantLock();
    private final List<Consumer<String>> erasureListeners = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    public Gallery(Store store, EmbeddingIndex index, FaceEngine engine, ImageDecoder decoder, float minQuality) {
        this.store = store;
        this.index = index;
        this.engine = engine;
        this.decoder = decoder;
        this.minQuality = minQuality;
    }

    /** Fills the index from the store; called once at start. */
    public void loadIndex() {
        store.forEachTemplate(t -> index.add(t.id(), t.subjectId(), t.embedding()));
    }

    public Store store() {
        return store;
    }

    public EmbeddingIndex index() {
        return index;
    }

    /**
     * Enrols the face in {@code image} into an existing subject.
     *
     * @param faceChoice null to require exactly one face, "largest", or the index of a face in the image, largest first
     */
    public Enrolled enroll(String subjectId, byte[] image, String faceChoice, String source) {
        Face face = chooseFace(analyze(image), faceChoice);
        writes.lock();
        try {
            Template t = store.addTemplate(subjectId, new NewTemplate(face.embedding(), face.quality().score(), source,
                    face.alignedJpeg()));
            index.add(t.id(), subjectId, t.embedding());
            audit("template.enroll", subjectId, Map.of("template_id", t.id(), "source", String.valueOf(source)));
            return new Enrolled(store.findSubject(subjectId).orElseThrow(() -> new NotFoundException("subject " + subjectId)), t, face);
        } finally {
            writes.unlock();
        }
    }

    /** Enrols into the subject with this name, creating it when {@code create} is set. */
    public Enrolled enrollByName(String name, boolean create, byte[] image, String faceChoice, String source) {
        Face face = chooseFace(analyze(image), faceChoice);
        writes.lock();
        try {
            Subject subject = create ? store.getOrCreateSubject(name)
                    : store.findSubjectByName(name).orElseThrow(() -> new NotFoundException("no subject named '" + name + "'"));
            Template t = store.addTemplate(subject.id(), new NewTemplate(face.embedding(), face.quality().score(), source,
                    face.alignedJpeg()));
            index.add(t.id(), subject.id(), t.embedding());
            audit("template.enroll", subject.id(), Map.of("template_id", t.id(), "source", String.valueOf(source)));
            return new Enrolled(store.findSubject(subject.id()).orElse(subject), t, face);
        } finally {
            writes.unlock();
        }
    }

    /**
     * Adds a face learned from live video to a subject, replacing {@code replaceTemplateId} when not null (store and
     * index in step, as for enrolment); {@code why} goes to the audit row.
     */
    public Template learn(String subjectId, NewTemplate face, String replaceTemplateId, Map<String, ?> why) {
        writes.lock();
        try {
            if (replaceTemplateId != null && store.deleteTemplate(subjectId, replaceTemplateId)) index.remove(replaceTemplateId);
            Template t = store.addTemplate(subjectId, face);
            index.add(t.id(), subjectId, t.embedding());
            var detail = new java.util.LinkedHashMap<String, Object>(why);
            detail.put("template_id", t.id());
            if (replaceTemplateId != null) detail.put("replaced", replaceTemplateId);
            audit(replaceTemplateId == null ? "learning.template.add" : "learning.template.replace", subjectId, detail);
            return t;
        } finally {
            writes.unlock();
        }
    }

    /** Every subject, ordered by name. */
    public List<Subject> subjects() {
        List<Subject> all = new ArrayList<>();
        while (true) {
            var page = store.listSubjects(all.size(), 1000);
            all.addAll(page.items());
            if (page.items().isEmpty() || all.size() >= page.total()) return all;
        }
    }

    public Subject create(String name, Map<String, String> metadata) {
        Subject s = store.createSubject(name, metadata);
        audit("subject.create", s.id(), Map.of("name", s.name()));
        return s;
    }

    public Subject rename(String subjectId, String newName) {
        String old = store.findSubject(subjectId).map(Subject::name).orElse(null);
        Subject s = store.renameSubject(subjectId, newName);
        audit("subject.rename", subjectId, Map.of("from", String.valueOf(old), "to", s.name()));
        return s;
    }

    public Subject updateMetadata(String subjectId, Map<String, String> metadata) {
        Subject s = store.updateMetadata(subjectId, metadata);
        audit("subject.metadata", subjectId, Map.of("keys", metadata.keySet()));
        return s;
    }

    /**
     * Moves every template of {@code fromId} into {@code intoId} and deletes {@code fromId}; the index follows, so
     * the moved templates identify as {@code intoId} from the moment this returns. Returns how many moved.
     */
    public int merge(String fromId, String intoId) {
        writes.lock();
        try {
            List<Template> moving = store.templates(fromId);
            int moved = store.mergeSubject(fromId, intoId);
            for (Template t : moving) {
                index.remove(t.id());
                index.add(t.id(), intoId, t.embedding());
            }
            audit("subject.merge", intoId, Map.of("from", fromId, "templates", moved));
            return moved;
        } finally {
            writes.unlock();
        }
    }

    /** Called with a subject's id after it is deleted, so other stores (the event log) erase their traces too. */
    public void onErase(Consumer<String> listener) {
        erasureListeners.add(listener);
    }

    /** Erases the subject and every template and crop (one transaction), then drops them from the index. */
    public boolean delete(String subjectId) {
        writes.lock();
        try {
            boolean deleted = store.deleteSubject(subjectId);
            index.removeSubject(subjectId);
            // After erasure the row names no subject: it records that someone was erased, by whom and when.
            if (deleted) {
                audit("subject.delete", null, Map.of("erased", true));
                for (Consumer<String> l : erasureListeners) l.accept(subjectId);
            }
            return deleted;
        } finally {
            writes.unlock();
        }
    }

    public boolean deleteTemplate(String subjectId, String templateId) {
        writes.lock();
        try {
            boolean deleted = store.deleteTemplate(subjectId, templateId);
            if (deleted) {
                index.remove(templateId);
                audit("template.delete", subjectId, Map.of("template_id", templateId));
            }
            return deleted;
        } finally {
            writes.unlock();
        }
    }

    /** Appends an audit row by the current actor; also used by the learning jobs for what they change here. */
    public void audit(String action, String subjectId, Map<String, ?> detail) {
        try {
            store.audit(Actor.current(), action, subjectId, JSON.writeValueAsString(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit detail is not serialisable", e);
        }
    }

    private List<Face> analyze(byte[] image) {
        try (DecodedImage img = decoder.decode(image)) {
            return engine.analyze(img, AnalyzeOptions.ENROLL).faces().stream()
                    .sorted(Comparator.comparingDouble((Face f) -> f.box().area()).reversed()).toList();
        }
    }

    private Face chooseFace(List<Face> faces, String choice) {
        if (faces.isEmpty()) throw new EnrollmentRefused("no_face", "no face was found in the image");
        Face face;
        if (choice == null || choice.isBlank()) {
            if (faces.size() > 1) {
                throw new EnrollmentRefused("several_faces", faces.size() + " faces were found; choose one with "
                        + "face=largest or face=0.." + (faces.size() - 1) + " (ordered largest first)");
            }
            face = faces.get(0);
        } else if (choice.equals("largest")) {
            face = faces.get(0);
        } else {
            int i;
            try {
                i = Integer.parseInt(choice.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("face must be 'largest' or a face number, not '" + choice + "'");
            }
            if (i < 0 || i >= faces.size()) {
                throw new EnrollmentRefused("no_such_face", "face " + i + " does not exist; the image has "
                        + faces.size() + " face(s), numbered from 0, largest first");
            }
            face = faces.get(i);
        }
        if (face.quality().score() < minQuality) {
            var q = face.quality();
            throw new EnrollmentRefused("low_quality", String.format(
                    "face quality %.2f is below the enrolment floor %.2f (sharpness %.0f, brightness %.0f, size %.0f px%s)",
                    q.score(), minQuality, q.sharpness(), q.brightness(), q.faceSize(),
                    q.pose() == null ? "" : String.format(", yaw %.0f, pitch %.0f", q.pose().yaw(), q.pose().pitch())));
        }
        return face;
    }
}
