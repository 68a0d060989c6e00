package dev.vigil.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.Embedding;
import dev.vigil.gallery.NewTemplate;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.Template;
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
 * The gallery in SQL, shared by every dialect: SQLite and PostgreSQL agree on every statement here. A subclass owns
 * the connections and says how a read and a write transaction run; a dialect that serves several servers also
 * records each change to the gallery ({@link #changed}) in the transaction that makes it.
 */
public abstract class JdbcStore implements Store {
    private static final int MAX_NAME = 128;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBJECT_COLUMNS = "s.id, s.name, s.created_at, s.updated_at, s.metadata, "
            + "(SELECT COUNT(*) FROM templates t WHERE t.subject_id = s.id)";
    private static final String TEMPLATE_COLUMNS = "id, subject_id, embedding, quality, source, created_at, crop IS NOT NULL";

    @FunctionalInterface
    protected interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a connection that sees committed data; may run beside writes. */
    protected abstract <T> T read(Work<T> work);

    /** Runs {@code work} in one write transaction. */
    protected abstract <T> T write(Work<T> work);

    /**
     * Records a change in the transaction that makes it, as its last statement. Nothing here: one server keeps its
     * own index in step and needs no feed.
     */
    protected void changed(Connection c, GalleryChange.Kind kind, String subjectId, String templateId) throws SQLException {
    }

    /** Commits {@code work} on {@code c}, or rolls it back on any failure and turns SQL errors into store errors. */
    protected static <T> T inTransaction(Connection c, Work<T> work) {
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof RuntimeException re) throw re;
                throw new StoreException("database write failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("UNIQUE");
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
            if (isUniqueViolation(e)) throw new DuplicateNameException(name);
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
                if (isUniqueViolation(e)) throw new DuplicateNameException(n);
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
        return write(c -> {
            // Templates first (explicitly, not only by cascade), so nothing biometric can outlive its subject.
            try (PreparedStatement t = c.prepareStatement("DELETE FROM templates WHERE subject_id = ?");
                 PreparedStatement s = c.prepareStatement("DELETE FROM subjects WHERE id = ?")) {
                t.setString(1, id);
                t.executeUpdate();
                s.setString(1, id);
                boolean deleted = s.executeUpdate() > 0;
                if (deleted) changed(c, GalleryChange.Kind.SUBJECT_DELETED, id, null);
                return deleted;
            }
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
