package dev.vigil.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.access.ApiKey;
import dev.vigil.access.AuditEntry;
import dev.vigil.access.Role;
import dev.vigil.engine.Embedding;
import dev.vigil.gallery.NewTemplate;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.Template;
import dev.vigil.stream.StreamSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The store in SQL, shared by every dialect: SQLite and PostgreSQL agree on every statement here. A subclass names
 * the {@link Database} the transactions run on; a dialect that serves several servers also records each change to the
 * gallery ({@link #changed}) in the transaction that makes it.
 */
public abstract class JdbcStore implements Store {
    private static final int MAX_NAME = 128;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBJECT_COLUMNS = "s.id, s.name, s.created_at, s.updated_at, s.metadata, "
            + "(SELECT COUNT(*) FROM templates t WHERE t.subject_id = s.id)";
    private static final String TEMPLATE_COLUMNS = "id, subject_id, embedding, quality, source, created_at, crop IS NOT NULL";

    /** The database under this store, for the other stores on it (event log, decision log); this store closes it. */
    public abstract Database database();

    private <T> T read(Database.Work<T> work) {
        return database().read(work);
    }

    private <T> T write(Database.Work<T> work) {
        return database().write(work);
    }

    /**
     * Records a change in the transaction that makes it, after its last other statement. Nothing here: one server
     * keeps its own index in step and needs no feed.
     */
    protected void changed(Connection c, GalleryChange.Kind kind, String subjectId, String templateId) throws SQLException {
    }

    static String checkName(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a subject name must not be blank");
        String n = name.strip();
        if (n.length() > MAX_NAME) throw new IllegalArgumentException("a subject name has at most " + MAX_NAME + " characters");
        return n;
    }

    @Override
    public Subject createSubject(String name, Map<String, String> metadata) {
        String n = checkName(name);
        return write(c -> {
            if (subjectIdByName(c, n).isPresent()) throw new DuplicateNameException(n);
            return insertSubject(c, n, metadata);
        });
    }

    @Override
    public Subject getOrCreateSubject(String name) {
        String n = checkName(name);
        try {
            return write(c -> {
                Optional<String> id = subjectIdByName(c, n);
                return id.isPresent() ? subject(c, id.get()).orElseThrow() : insertSubject(c, n, Map.of());
            });
        } catch (DuplicateNameException e) {
            // another server created it between our look-up and our insert
            return findSubjectByName(n).orElseThrow(() -> e);
        }
    }

    private Subject insertSubject(Connection c, String name, Map<String, String> metadata) throws SQLException {
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO subjects (id, name, created_at, updated_at, metadata) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setLong(3, now);
            ps.setLong(4, now);
            ps.setString(5, json(metadata));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Database.isUniqueViolation(e)) throw new DuplicateNameException(name);
            throw e;
        }
        return new Subject(id, name, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now), metadata, 0);
    }

    private static Optional<String> subjectIdByName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM subjects WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<Subject> findSubject(String id) {
        return read(c -> subject(c, id));
    }

    private static Optional<Subject> subject(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SUBJECT_COLUMNS + " FROM subjects s WHERE s.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(subject(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<Subject> findSubjectByName(String name) {
        if (name == null || name.isBlank()) return Optional.empty();
        return read(c -> {
            Optional<String> id = subjectIdByName(c, name.strip());
            return id.isPresent() ? subject(c, id.get()) : Optional.empty();
        });
    }

    @Override
    public Page<Subject> listSubjects(int offset, int limit) {
        return read(c -> {
            List<Subject> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SUBJECT_COLUMNS
                    + " FROM subjects s ORDER BY lower(s.name), s.name LIMIT ? OFFSET ?")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) items.add(subject(rs));
                }
            }
            return new Page<>(items, offset, limit, count(c, "subjects"));
        });
    }

    @Override
    public Subject renameSubject(String id, String newName) {
        String n = checkName(newName);
        return write(c -> {
            Subject s = subject(c, id).orElseThrow(() -> new NotFoundException("subject " + id + " does not exist"));
            Optional<String> holder = subjectIdByName(c, n);
            if (holder.isPresent() && !holder.get().equals(id)) throw new DuplicateNameException(n);
            try (PreparedStatement ps = c.prepareStatement("UPDATE subjects SET name = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, n);
                ps.setLong(2, System.currentTimeMillis());
                ps.setString(3, id);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Database.isUniqueViolation(e)) throw new DuplicateNameException(n);
                throw e;
            }
            changed(c, GalleryChange.Kind.SUBJECT_RENAMED, id, null);
            return subject(c, s.id()).orElseThrow();
        });
    }

    @Override
    public Subject updateMetadata(String id, Map<String, String> metadata) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE subjects SET metadata = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, json(metadata));
                ps.setLong(2, System.currentTimeMillis());
                ps.setString(3, id);
                if (ps.executeUpdate() == 0) throw new NotFoundException("subject " + id + " does not exist");
            }
            return subject(c, id).orElseThrow();
        });
    }

    @Override
    public boolean deleteSubject(String id) {
        boolean deleted = write(c -> {
            // Templates first (explicitly, not only by cascade), so nothing biometric can outlive its subject.
            try (PreparedStatement t = c.prepareStatement("DELETE FROM templates WHERE subject_id = ?");
                 PreparedStatement a = c.prepareStatement("UPDATE audit SET subject_id = NULL, detail = '{\"erased\":true}' WHERE subject_id = ?");
                 PreparedStatement d = c.prepareStatement("UPDATE threshold_decisions SET subject_id = NULL WHERE subject_id = ?");
                 PreparedStatement f = c.prepareStatement("UPDATE threshold_decisions SET feedback_subject_id = NULL WHERE feedback_subject_id = ?");
                 PreparedStatement s = c.prepareStatement("DELETE FROM subjects WHERE id = ?")) {
                t.setString(1, id);
                t.executeUpdate();
                for (PreparedStatement unlink : List.of(a, d, f)) {
                    unlink.setString(1, id);
                    unlink.executeUpdate();
                }
                s.setString(1, id);
                if (s.executeUpdate() == 0) return false;
                changed(c, GalleryChange.Kind.SUBJECT_DELETED, id, null);
                return true;
            }
        });
        if (deleted) database().afterErasure();
        return deleted;
    }

    @Override
    public int mergeSubject(String fromId, String intoId) {
        if (fromId.equals(intoId)) throw new IllegalArgumentException("a subject cannot be merged into itself");
        return write(c -> {
            for (String id : List.of(fromId, intoId)) {
                if (subject(c, id).isEmpty()) throw new NotFoundException("subject " + id + " does not exist");
            }
            List<String> moving = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM templates WHERE subject_id = ?")) {
                ps.setString(1, fromId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) moving.add(rs.getString(1));
                }
            }
            try (PreparedStatement t = c.prepareStatement("UPDATE templates SET subject_id = ? WHERE subject_id = ?");
                 PreparedStatement s = c.prepareStatement("DELETE FROM subjects WHERE id = ?");
                 PreparedStatement u = c.prepareStatement("UPDATE subjects SET updated_at = ? WHERE id = ?")) {
                t.setString(1, intoId);
                t.setString(2, fromId);
                t.executeUpdate();
                s.setString(1, fromId);
                s.executeUpdate();
                u.setLong(1, System.currentTimeMillis());
                u.setString(2, intoId);
                u.executeUpdate();
            }
            for (String templateId : moving) changed(c, GalleryChange.Kind.TEMPLATE_MOVED, intoId, templateId);
            return moving.size();
        });
    }

    @Override
    public Template addTemplate(String subjectId, NewTemplate t) {
        return write(c -> {
            if (subject(c, subjectId).isEmpty()) throw new NotFoundException("subject " + subjectId + " does not exist");
            String id = UUID.randomUUID().toString();
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO templates (id, subject_id, embedding, quality, source, created_at, crop) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, subjectId);
                ps.setBytes(3, t.embedding().toBytes());
                ps.setFloat(4, t.quality());
                ps.setString(5, t.source());
                ps.setLong(6, now);
                ps.setBytes(7, t.crop());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE subjects SET updated_at = ? WHERE id = ?")) {
                ps.setLong(1, now);
                ps.setString(2, subjectId);
                ps.executeUpdate();
            }
            changed(c, GalleryChange.Kind.TEMPLATE_ADDED, subjectId, id);
            return new Template(id, subjectId, t.embedding(), t.quality(), t.source(), Instant.ofEpochMilli(now), t.crop() != null);
        });
    }

    @Override
    public boolean deleteTemplate(String subjectId, String templateId) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM templates WHERE id = ? AND subject_id = ?")) {
                ps.setString(1, templateId);
                ps.setString(2, subjectId);
                boolean deleted = ps.executeUpdate() > 0;
                if (deleted) changed(c, GalleryChange.Kind.TEMPLATE_DELETED, subjectId, templateId);
                return deleted;
            }
        });
    }

    @Override
    public List<Template> templates(String subjectId) {
        return read(c -> {
            List<Template> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TEMPLATE_COLUMNS + " FROM templates WHERE subject_id = ? ORDER BY created_at, id")) {
                ps.setString(1, subjectId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(template(rs));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Template> findTemplate(String templateId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TEMPLATE_COLUMNS + " FROM templates WHERE id = ?")) {
                ps.setString(1, templateId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(template(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<byte[]> templateCrop(String templateId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT crop FROM templates WHERE id = ?")) {
                ps.setString(1, templateId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void forEachTemplate(Consumer<Template> sink) {
        read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TEMPLATE_COLUMNS + " FROM templates")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) sink.accept(template(rs));
                }
            }
            return null;
        });
    }

    @Override
    public long templateCount() {
        return read(c -> count(c, "templates"));
    }

    @Override
    public long subjectCount() {
        return read(c -> count(c, "subjects"));
    }

    @Override
    public void addApiKey(ApiKey key, String secretHash) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (name, role, key_hash, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, key.name());
                ps.setString(2, key.role().name());
                ps.setString(3, secretHash);
                ps.setLong(4, key.createdAt().toEpochMilli());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Database.isUniqueViolation(e)) throw new DuplicateNameException("key", key.name());
                throw e;
            }
            return null;
        });
    }

    @Override
    public Optional<ApiKey> findApiKeyByHash(String secretHash) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, role, created_at FROM api_keys WHERE key_hash = ?")) {
                ps.setString(1, secretHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(apiKey(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<ApiKey> listApiKeys() {
        return read(c -> {
            List<ApiKey> out = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name, role, created_at FROM api_keys ORDER BY name")) {
                while (rs.next()) out.add(apiKey(rs));
            }
            return out;
        });
    }

    private static ApiKey apiKey(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString(1), Role.valueOf(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3)));
    }

    @Override
    public boolean deleteApiKey(String name) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_keys WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean hasApiKeys() {
        return read(c -> count(c, "api_keys") > 0);
    }

    @Override
    public void addNodeToken(String node, String tokenHash) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM node_tokens WHERE name = ?")) {
                ps.setString(1, node);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) throw new DuplicateNameException("node", node);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO node_tokens (name, token_hash, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, node);
                ps.setString(2, tokenHash);
                ps.setLong(3, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<String> findNodeByTokenHash(String tokenHash) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM node_tokens WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<String> nodeNames() {
        return read(c -> {
            List<String> out = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM node_tokens ORDER BY name")) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }

    @Override
    public boolean deleteNodeToken(String node) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM node_tokens WHERE name = ?")) {
                ps.setString(1, node);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void audit(String actor, String action, String subjectId, String detail) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit (at, actor, action, subject_id, detail) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, System.currentTimeMillis());
                ps.setString(2, actor);
                ps.setString(3, action);
                ps.setString(4, subjectId);
                ps.setString(5, detail == null ? "{}" : detail);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<AuditEntry> auditLog(long beforeId, int limit, String subjectId) {
        return read(c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, action, subject_id, detail FROM audit "
                    + "WHERE (? = 0 OR id < ?) AND (? IS NULL OR subject_id = ?) ORDER BY id DESC LIMIT ?")) {
                ps.setLong(1, beforeId);
                ps.setLong(2, beforeId);
                ps.setString(3, subjectId);
                ps.setString(4, subjectId);
                ps.setInt(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void saveStream(StreamSpec st) {
        write(c -> {
            // Flags are INTEGER 0/1 in both dialects (SQLite has no BOOLEAN), so a copy between them moves plain numbers.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO streams (id, name, url, fps, scale, loop, transport, enabled, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, url = excluded.url, "
                    + "fps = excluded.fps, scale = excluded.scale, loop = excluded.loop, transport = excluded.transport, "
                    + "enabled = excluded.enabled")) {
                ps.setString(1, st.id());
                ps.setString(2, st.name());
                ps.setString(3, st.url());
                ps.setDouble(4, st.fps());
                ps.setDouble(5, st.scale());
                ps.setInt(6, st.loop() ? 1 : 0);
                ps.setString(7, st.transport());
                ps.setInt(8, st.enabled() ? 1 : 0);
                ps.setLong(9, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<StreamSpec> streams() {
        return read(c -> {
            List<StreamSpec> out = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT id, name, url, fps, scale, loop, transport, enabled FROM streams ORDER BY created_at, id")) {
                while (rs.next()) {
                    out.add(new StreamSpec(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getInt(6) != 0, rs.getString(7), rs.getInt(8) != 0));
                }
            }
            return out;
        });
    }

    @Override
    public boolean deleteStream(String id) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM streams WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void close() {
        database().close();
    }

    private static long count(Connection c, String table) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Subject subject(ResultSet rs) throws SQLException {
        return new Subject(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                Instant.ofEpochMilli(rs.getLong(4)), metadata(rs.getString(5)), rs.getInt(6));
    }

    private static Template template(ResultSet rs) throws SQLException {
        return new Template(rs.getString(1), rs.getString(2), Embedding.fromBytes(rs.getBytes(3)), rs.getFloat(4),
                rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getBoolean(7));
    }

    private static String json(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsString(metadata == null ? Map.of() : metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, String> metadata(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt metadata: " + e.getMessage(), e);
        }
    }
}
