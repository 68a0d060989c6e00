package dev.vigil.store;

import dev.vigil.gallery.NewTemplate;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.Template;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where subjects and templates live. Every method is one transaction. Names are unique after trimming; blank names
 * and names over 128 characters are refused with {@link IllegalArgumentException}.
 */
public interface Store extends AutoCloseable {

    Subject createSubject(String name, Map<String, String> metadata);

    /** The subject with this name, created (without metadata) if there is none; atomic. */
    Subject getOrCreateSubject(String name);

    Optional<Subject> findSubject(String id);

    Optional<Subject> findSubjectByName(String name);

    /** Subjects ordered by name, with template counts. */
    Page<Subject> listSubjects(int offset, int limit);

    Subject renameSubject(String id, String newName);

    Subject updateMetadata(String id, Map<String, String> metadata);

    /** Deletes the subject with every template and crop, in one transaction. False if there was no such subject. */
    boolean deleteSubject(String id);

    Template addTemplate(String subjectId, NewTemplate template);

    boolean deleteTemplate(String subjectId, String templateId);

    List<Template> templates(String subjectId);

    Optional<Template> findTemplate(String templateId);

    Optional<byte[]> templateCrop(String templateId);

    /** Streams every template (to fill the search index) without holding them all in memory. */
    void forEachTemplate(Consumer<Template> sink);

    long templateCount();

    long subjectCount();

    /** The feed other servers' changes arrive by, when several servers share this store; none for one server. */
    default Optional<ChangeFeed> changeFeed() {
        return Optional.empty();
    }

    @Override
    void close();
}
