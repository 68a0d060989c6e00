package dev.vigil.store;

import dev.vigil.access.ApiKey;
import dev.vigil.access.AuditEntry;
import dev.vigil.gallery.NewTemplate;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.Template;
import dev.vigil.stream.StreamSpec;
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

    /**
     * Deletes the subject with every template and crop, in one transaction, and strips its id from the audit trail
     * and the threshold decisions (the rows stay, saying what was done and by whom, but no longer to whom). False if
     * there was no such subject.
     */
    boolean deleteSubject(String id);

    /**
     * Moves every template of {@code fromId} to {@code intoId}, then deletes {@code fromId}, in one transaction.
     * Returns how many templates moved; {@link NotFoundException} if either subject does not exist.
     */
    int mergeSubject(String fromId, String intoId);

    Template addTemplate(String subjectId, NewTemplate template);

    boolean deleteTemplate(String subjectId, String templateId);

    List<Template> templates(String subjectId);

    Optional<Template> findTemplate(String templateId);

    Optional<byte[]> templateCrop(String templateId);

    /** Streams every template (to fill the search index) without holding them all in memory. */
    void forEachTemplate(Consumer<Template> sink);

    long templateCount();

    long subjectCount();

    /** Stores a key by the SHA-256 of its secret; {@link DuplicateNameException} when the name is taken. */
    void addApiKey(ApiKey key, String secretHash);

    Optional<ApiKey> findApiKeyByHash(String secretHash);

    List<ApiKey> listApiKeys();

    boolean deleteApiKey(String name);

    boolean hasApiKeys();

    /** Stores an edge node's token by its SHA-256; {@link DuplicateNameException} when the node already has one. */
    void addNodeToken(String node, String tokenHash);

    /** The node whose token has this SHA-256. */
    Optional<String> findNodeByTokenHash(String tokenHash);

    /** Nodes holding a token, by name. */
    List<String> nodeNames();

    boolean deleteNodeToken(String node);

    /** Appends one audit row. {@code detail} is a JSON object. */
    void audit(String actor, String action, String subjectId, String detail);

    /** Audit rows, newest first, with ids below {@code beforeId} (0: from the newest), optionally for one subject. */
    List<AuditEntry> auditLog(long beforeId, int limit, String subjectId);

    /** Inserts the stream, or replaces the one with its id. A name held by another stream is a {@link StoreException}. */
    void saveStream(StreamSpec stream);

    /** Every stored stream, oldest first. */
    List<StreamSpec> streams();

    boolean deleteStream(String id);

    /** The feed other servers' changes arrive by, when several servers share this store; none for one server. */
    default Optional<ChangeFeed> changeFeed() {
        return Optional.empty();
    }

    @Override
    void close();
}
