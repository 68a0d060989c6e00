package dev.vigil.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The decisions behind the threshold statistics (table {@code threshold_decisions}, migration V4), on the server's
 * database (SQLite or PostgreSQL, the same SQL). One caller writes at a time (the statistics' writer thread), so the
 * extra commit per decision never holds up a request. Flags are INTEGER 0/1 in both dialects.
 */
public final class DecisionLog {
    private static final String COLUMNS = "event_id, time, source, stream, decision, subject_id, similarity, "
            + "feedback_correct, feedback_subject_id, genuine";

    private final Database db;

    /** One decision. {@code genuine} is null until an operator gives feedback. */
    public record Row(String eventId, long time, String source, String stream, String decision, String subjectId,
                      float similarity, Boolean feedbackCorrect, String feedbackSubjectId, Boolean genuine) {
    }

    /** @param db the server's database; owned (and closed) by its {@link JdbcStore} */
    public DecisionLog(Database db) {
        this.db = db;
    }

    /** Records a decision once: a second insert of the same event changes nothing. */
    public void insert(Row r) {
        db.write(c -> {
            try (var ps = c.prepareStatement("INSERT INTO threshold_decisions (event_id, time, source, stream, decision, "
                    + "subject_id, similarity) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
                ps.setString(1, r.eventId());
                ps.setLong(2, r.time());
                ps.setString(3, r.source());
                ps.setString(4, r.stream());
                ps.setString(5, r.decision());
                ps.setString(6, r.subjectId());
                ps.setFloat(7, r.similarity());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Row> find(String eventId) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM threshold_decisions WHERE event_id = ?")) {
                ps.setString(1, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    public void setFeedback(String eventId, boolean correct, String subjectId, boolean genuine) {
        db.write(c -> {
            try (var ps = c.prepareStatement("UPDATE threshold_decisions SET feedback_correct = ?, feedback_subject_id = ?, "
                    + "genuine = ?, feedback_at = ? WHERE event_id = ?")) {
                ps.setInt(1, correct ? 1 : 0);
                if (subjectId == null) ps.setNull(2, Types.VARCHAR); else ps.setString(2, subjectId);
                ps.setInt(3, genuine ? 1 : 0);
                ps.setLong(4, System.currentTimeMillis());
                ps.setString(5, eventId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Every decision, streamed (to rebuild the statistics at start). */
    public void forEach(Consumer<Row> sink) {
        db.read(c -> {
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM threshold_decisions")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) sink.accept(row(rs));
                }
            }
            return null;
        });
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getFloat(7), bool(rs, 8), rs.getString(9), bool(rs, 10));
    }

    private static Boolean bool(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v != 0;
    }
}
