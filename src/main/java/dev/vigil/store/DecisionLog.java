package dev.vigil.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The decisions behind the threshold statistics (table {@code threshold_decisions}, migration V4), on its own
 * connection to the database {@link SqliteStore} opened and migrated. One caller writes at a time (the statistics'
 * writer thread); {@code synchronous=NORMAL}: a power cut may lose the last decisions, never corrupt the file.
 */
public final class DecisionLog implements AutoCloseable {
    private final Connection c;

    /** One decision. {@code genuine} is null until an operator gives feedback. */
    public record Row(String eventId, long time, String source, String stream, String decision, String subjectId,
                      float similarity, Boolean feedbackCorrect, String feedbackSubjectId, Boolean genuine) {
    }

    private DecisionLog(Connection c) {
        this.c = c;
    }

    public static DecisionLog open(Path file) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (var st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout=10000");
                st.execute("PRAGMA synchronous=NORMAL");
            }
            return new DecisionLog(c);
        } catch (SQLException e) {
            throw new StoreException("cannot open decision log " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized void insert(Row r) {
        try (var ps = c.prepareStatement("INSERT OR IGNORE INTO threshold_decisions (event_id, time, source, stream, decision, "
                + "subject_id, similarity) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.eventId());
            ps.setLong(2, r.time());
            ps.setString(3, r.source());
            ps.setString(4, r.stream());
            ps.setString(5, r.decision());
            ps.setString(6, r.subjectId());
            ps.setFloat(7, r.similarity());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record decision " + r.eventId() + ": " + e.getMessage(), e);
        }
    }

    public synchronized Optional<Row> find(String eventId) {
        try (var ps = c.prepareStatement("SELECT * FROM threshold_decisions WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read decision " + eventId + ": " + e.getMessage(), e);
        }
    }

    public synchronized void setFeedback(String eventId, boolean correct, String subjectId, boolean genuine) {
        try (var ps = c.prepareStatement("UPDATE threshold_decisions SET feedback_correct = ?, feedback_subject_id = ?, "
                + "genuine = ?, feedback_at = ? WHERE event_id = ?")) {
            ps.setInt(1, correct ? 1 : 0);
            if (subjectId == null) ps.setNull(2, Types.VARCHAR); else ps.setString(2, subjectId);
            ps.setInt(3, genuine ? 1 : 0);
            ps.setLong(4, System.currentTimeMillis());
            ps.setString(5, eventId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record feedback on " + eventId + ": " + e.getMessage(), e);
        }
    }

    /** Every decision, streamed (to rebuild the statistics at start). */
    public synchronized void forEach(Consumer<Row> sink) {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM threshold_decisions")) {
            while (rs.next()) sink.accept(row(rs));
        } catch (SQLException e) {
            throw new StoreException("cannot read decisions: " + e.getMessage(), e);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("event_id"), rs.getLong("time"), rs.getString("source"), rs.getString("stream"),
                rs.getString("decision"), rs.getString("subject_id"), rs.getFloat("similarity"),
                bool(rs, "feedback_correct"), rs.getString("feedback_subject_id"), bool(rs, "genuine"));
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v != 0;
    }

    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException e) {
            // closing: nothing left to do with it
        }
    }
}
