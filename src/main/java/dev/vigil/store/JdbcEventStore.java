package dev.vigil.store;

import dev.vigil.engine.BoundingBox;
import dev.vigil.event.Delivery;
import dev.vigil.event.DeliveryStatus;
import dev.vigil.event.EventQuery;
import dev.vigil.event.EventStore;
import dev.vigil.event.LoggedEvent;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.event.Webhook;
import dev.vigil.recognition.Decision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The event log, webhooks and webhook outbox on the server's database (migration V3), SQLite or PostgreSQL: the SQL
 * is the same for both. On a shared PostgreSQL database every server logs into, and lists from, the same tables.
 */
public final class JdbcEventStore implements EventStore {
    private static final String EVENT_COLUMNS = "id, time_ms, source, stream, track_id, decision, subject_id, subject_name, "
            + "similarity, box_x1, box_y1, box_x2, box_y2, quality, liveness, snapshot";
    private static final String DELIVERY_COLUMNS = "event_id, webhook_id, url, status, attempts, next_attempt_ms, "
            + "last_http_status, last_error, delivered_at_ms";

    private final Database db;

    /** @param db the server's database; owned (and closed) by its {@link JdbcStore} */
    public JdbcEventStore(Database db) {
        this.db = db;
    }

    @Override
    public void append(List<NewEvent> events) {
        if (events.isEmpty()) return;
        db.write(c -> {
            // An event logged already (a node's observation redelivered to another server after a crash carries the
            // same id) is kept as it was, with its deliveries: the log and the webhooks see it once.
            try (PreparedStatement ev = c.prepareStatement("INSERT INTO events (" + EVENT_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
                 PreparedStatement dl = c.prepareStatement("INSERT INTO webhook_deliveries (" + DELIVERY_COLUMNS
                         + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, webhook_id) DO NOTHING")) {
                for (NewEvent n : events) {
                    RecognitionEvent e = n.event();
                    ev.setString(1, e.id());
                    ev.setLong(2, e.time().toEpochMilli());
                    ev.setString(3, e.source());
                    ev.setString(4, e.stream());
                    ev.setLong(5, e.trackId());
                    ev.setString(6, e.decision().name());
                    ev.setString(7, e.subjectId());
                    ev.setString(8, e.subjectName());
                    ev.setFloat(9, e.similarity());
                    ev.setFloat(10, e.box().x1());
                    ev.setFloat(11, e.box().y1());
                    ev.setFloat(12, e.box().x2());
                    ev.setFloat(13, e.box().y2());
                    setScore(ev, 14, e.quality());
                    setScore(ev, 15, e.liveness());
                    ev.setString(16, n.snapshot());
                    ev.addBatch();
                    for (Delivery d : n.deliveries()) {
                        bindDelivery(dl, d);
                        dl.addBatch();
                    }
                }
                ev.executeBatch();
                dl.executeBatch();
            }
            return null;
        });
    }

    private static void setScore(PreparedStatement ps, int i, float v) throws SQLException {
        if (Float.isNaN(v)) ps.setNull(i, Types.REAL);
        else ps.setFloat(i, v);
    }

    private static void bindDelivery(PreparedStatement ps, Delivery d) throws SQLException {
        ps.setString(1, d.eventId());
        ps.setString(2, d.webhookId());
        ps.setString(3, d.url());
        ps.setString(4, d.status().name());
        ps.setInt(5, d.attempts());
        ps.setLong(6, d.nextAttempt().toEpochMilli());
        if (d.lastHttpStatus() == null) ps.setNull(7, Types.INTEGER);
        else ps.setInt(7, d.lastHttpStatus());
        ps.setString(8, d.lastError());
        if (d.deliveredAt() == null) ps.setNull(9, Types.BIGINT);
        else ps.setLong(9, d.deliveredAt().toEpochMilli());
    }

    @Override
    public EventQuery.Page query(EventQuery q) {
        var sql = new StringBuilder("SELECT " + EVENT_COLUMNS + " FROM events WHERE 1 = 1");
        var args = new ArrayList<Object>();
        if (q.from() != null) {
            sql.append(" AND time_ms >= ?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            sql.append(" AND time_ms < ?");
            args.add(q.to().toEpochMilli());
        }
        if (q.stream() != null) {
            sql.append(" AND stream = ?");
            args.add(q.stream());
        }
        if (q.subject() != null) {
            sql.append(" AND subject_name = ?");
            args.add(q.subject());
        }
        if (q.decision() != null) {
            sql.append(" AND decision = ?");
            args.add(q.decision().name());
        }
        if (q.after() != null) {
            sql.append(" AND (time_ms < ? OR (time_ms = ? AND id < ?))");
            args.add(q.after().timeMs());
            args.add(q.after().timeMs());
            args.add(q.after().id());
        }
        sql.append(" ORDER BY time_ms DESC, id DESC LIMIT ?");
        args.add(q.limit() + 1); // one more tells whether there is a next page
        return db.read(c -> {
            List<LoggedEvent> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) events.add(event(rs));
                }
            }
            if (events.size() <= q.limit()) return new EventQuery.Page(events, null);
            events = events.subList(0, q.limit());
            RecognitionEvent last = events.getLast().event();
            return new EventQuery.Page(events, new EventQuery.Cursor(last.time().toEpochMilli(), last.id()).encode());
        });
    }

    @Override
    public Optional<LoggedEvent> find(String eventId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM events WHERE id = ?")) {
                ps.setString(1, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(event(rs)) : Optional.empty();
                }
            }
        });
    }

    private static LoggedEvent event(ResultSet rs) throws SQLException {
        var box = new BoundingBox(rs.getFloat(10), rs.getFloat(11), rs.getFloat(12), rs.getFloat(13));
        var e = new RecognitionEvent(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getLong(5), Decision.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getFloat(9), box,
                score(rs, 14), score(rs, 15), null);
        return new LoggedEvent(e, rs.getString(16));
    }

    private static float score(ResultSet rs, int i) throws SQLException {
        float v = rs.getFloat(i);
        return rs.wasNull() ? Float.NaN : v;
    }

    @Override
    public List<Delivery> deliveries(String eventId) {
        return db.read(c -> deliveries(c, "SELECT " + DELIVERY_COLUMNS
                + " FROM webhook_deliveries WHERE event_id = ? ORDER BY webhook_id", eventId));
    }

    @Override
    public List<Delivery> due(Instant now, int limit) {
        return db.read(c -> deliveries(c, "SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE status = ? "
                + "AND next_attempt_ms <= ? ORDER BY next_attempt_ms LIMIT ?", DeliveryStatus.PENDING.name(),
                now.toEpochMilli(), limit));
    }

    private static List<Delivery> deliveries(Connection c, String sql, Object... args) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int httpStatus = rs.getInt(7);
                    Integer lastHttp = rs.wasNull() ? null : httpStatus;
                    long delivered = rs.getLong(9);
                    Instant deliveredAt = rs.wasNull() ? null : Instant.ofEpochMilli(delivered);
                    out.add(new Delivery(rs.getString(1), rs.getString(2), rs.getString(3),
                            DeliveryStatus.valueOf(rs.getString(4)), rs.getInt(5), Instant.ofEpochMilli(rs.getLong(6)),
                            lastHttp, rs.getString(8), deliveredAt));
                }
            }
        }
        return out;
    }

    @Override
    public void update(Delivery d) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_deliveries SET status = ?, attempts = ?, "
                    + "next_attempt_ms = ?, last_http_status = ?, last_error = ?, delivered_at_ms = ? "
                    + "WHERE event_id = ? AND webhook_id = ?")) {
                ps.setString(1, d.status().name());
                ps.setInt(2, d.attempts());
                ps.setLong(3, d.nextAttempt().toEpochMilli());
                if (d.lastHttpStatus() == null) ps.setNull(4, Types.INTEGER);
                else ps.setInt(4, d.lastHttpStatus());
                ps.setString(5, d.lastError());
                if (d.deliveredAt() == null) ps.setNull(6, Types.BIGINT);
                else ps.setLong(6, d.deliveredAt().toEpochMilli());
                ps.setString(7, d.eventId());
                ps.setString(8, d.webhookId());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<String> purge(Instant cutoff, long keep) {
        return db.write(c -> {
            List<String> snapshots = new ArrayList<>();
            String old = "time_ms < ?";
            deleteWhere(c, old, snapshots, cutoff.toEpochMilli());
            // The newest event past the count limit; it and everything older go.
            try (PreparedStatement ps = c.prepareStatement("SELECT time_ms, id FROM events ORDER BY time_ms DESC, id DESC "
                    + "LIMIT 1 OFFSET ?")) {
                ps.setLong(1, keep);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long t = rs.getLong(1);
                        deleteWhere(c, "time_ms < ? OR (time_ms = ? AND id <= ?)", snapshots, t, t, rs.getString(2));
                    }
                }
            }
            return snapshots;
        });
    }

    @Override
    public List<String> eraseSubject(String subjectId) {
        List<String> snapshots = db.write(c -> {
            List<String> files = new ArrayList<>();
            deleteWhere(c, "subject_id = ?", files, subjectId);
            return files;
        });
        db.afterErasure();
        return snapshots;
    }

    private static void deleteWhere(Connection c, String where, List<String> snapshots, Object... args) throws SQLException {
        try (PreparedStatement files = c.prepareStatement("SELECT snapshot FROM events WHERE snapshot IS NOT NULL AND (" + where + ")");
             PreparedStatement dl = c.prepareStatement("DELETE FROM webhook_deliveries WHERE event_id IN "
                     + "(SELECT id FROM events WHERE " + where + ")");
             PreparedStatement ev = c.prepareStatement("DELETE FROM events WHERE " + where)) {
            for (PreparedStatement ps : List.of(files, dl, ev)) {
                for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = files.executeQuery()) {
                while (rs.next()) snapshots.add(rs.getString(1));
            }
            dl.executeUpdate();
            ev.executeUpdate();
        }
    }

    @Override
    public long eventCount() {
        return db.read(c -> {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public List<Webhook> webhooks() {
        return db.read(c -> {
            List<Webhook> out = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT id, url, secret, decisions, cooldown_seconds, created_at FROM webhooks ORDER BY created_at, id")) {
                while (rs.next()) {
                    var decisions = EnumSet.noneOf(Decision.class);
                    Arrays.stream(rs.getString(4).split(",")).map(Decision::valueOf).forEach(decisions::add);
                    out.add(new Webhook(rs.getString(1), rs.getString(2), rs.getString(3), decisions, rs.getInt(5), false,
                            Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
            return out;
        });
    }

    @Override
    public void addWebhook(Webhook w) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhooks (id, url, secret, decisions, "
                    + "cooldown_seconds, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, w.id());
                ps.setString(2, w.url());
                ps.setString(3, w.secret());
                ps.setString(4, w.decisions().stream().map(Decision::name).sorted().collect(Collectors.joining(",")));
                ps.setInt(5, w.cooldownSeconds());
                ps.setLong(6, w.createdAt().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean deleteWebhook(String id) {
        return db.write(c -> {
            try (PreparedStatement cancel = c.prepareStatement("UPDATE webhook_deliveries SET status = ?, last_error = ? "
                    + "WHERE webhook_id = ? AND status = ?");
                 PreparedStatement del = c.prepareStatement("DELETE FROM webhooks WHERE id = ?")) {
                cancel.setString(1, DeliveryStatus.CANCELLED.name());
                cancel.setString(2, "webhook deleted");
                cancel.setString(3, id);
                cancel.setString(4, DeliveryStatus.PENDING.name());
                cancel.executeUpdate();
                del.setString(1, id);
                return del.executeUpdate() > 0;
            }
        });
    }
}
