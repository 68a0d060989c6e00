package dev.vigil.store;

import dev.vigil.engine.Embedding;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;

/**
 * The shared store: several {@code vigil serve} instances on one PostgreSQL database ({@link PostgresDatabase}). Every
 * change to the gallery is also appended to {@code gallery_changes} in the same transaction and announced with
 * {@code NOTIFY}, which is what keeps each server's in-memory index in step ({@link #changeFeed()}).
 */
public final class PostgresStore extends JdbcStore {
    /** Advisory lock key: database-wide, so it names the application and the purpose. */
    static final long FEED_LOCK = 0x5649_4749_4c00_0002L;
    static final String CHANNEL = "vigil_gallery";

    private final PostgresDatabase db;
    private final Feed feed = new Feed();

    private PostgresStore(PostgresDatabase db) {
        this.db = db;
    }

    /** Opens the database at {@code url} ({@link PostgresDatabase#open}) with a pool of {@code poolSize} connections. */
    public static PostgresStore open(String url, int poolSize) {
        return new PostgresStore(PostgresDatabase.open(url, poolSize));
    }

    @Override
    public PostgresDatabase database() {
        return db;
    }

    /**
     * Appends to the feed under a transaction-scoped advisory lock held until commit: sequence numbers are then handed
     * out in commit order, so a follower that has applied up to n can never later see a change below n appear. Coming
     * after every other statement, the lock is held for the feed inserts (one, or one per template a merge moves) and
     * the commit.
     */
    @Override
    protected void changed(Connection c, GalleryChange.Kind kind, String subjectId, String templateId) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + FEED_LOCK + ")");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO gallery_changes (kind, subject_id, template_id, changed_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, kind.name());
            ps.setString(2, subjectId);
            ps.setString(3, templateId);
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
        }
        try (var st = c.createStatement()) {
            st.execute("NOTIFY " + CHANNEL);
        }
    }

    @Override
    public Optional<ChangeFeed> changeFeed() {
        return Optional.of(feed);
    }

    /**
     * Reads go through the pool; waiting for {@code NOTIFY} needs a connection of its own that has said
     * {@code LISTEN}. It is opened on first wait and again after it breaks (a database restart): while it is down,
     * a wait simply times out and the follower polls.
     */
    private final class Feed implements ChangeFeed {
        private Connection listener;
        private volatile boolean closed;

        @Override
        public long head() {
            return db.read(c -> {
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM gallery_changes")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }

        @Override
        public List<GalleryChange> after(long seq, int limit) {
            return db.read(c -> {
                List<GalleryChange> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT c.seq, c.kind, c.subject_id, c.template_id, t.embedding "
                        + "FROM gallery_changes c LEFT JOIN templates t ON c.kind IN ('TEMPLATE_ADDED', 'TEMPLATE_MOVED') AND t.id = c.template_id "
                        + "WHERE c.seq > ? ORDER BY c.seq LIMIT ?")) {
                    ps.setLong(1, seq);
                    ps.setInt(2, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            byte[] embedding = rs.getBytes(5);
                            out.add(new GalleryChange(rs.getLong(1), GalleryChange.Kind.valueOf(rs.getString(2)),
                                    rs.getString(3), rs.getString(4), embedding == null ? null : Embedding.fromBytes(embedding)));
                        }
                    }
                }
                return out;
            });
        }

        @Override
        public boolean awaitChange(Duration timeout) throws InterruptedException {
            Connection c = listener();
            if (c == null) {
                Thread.sleep(timeout.toMillis());
                return false;
            }
            try {
                var notifications = c.unwrap(PGConnection.class).getNotifications((int) Math.max(1, timeout.toMillis()));
                return notifications != null && notifications.length > 0;
            } catch (SQLException e) {
                dropListener();
                if (closed) return false;
                Thread.sleep(timeout.toMillis());
                return false;
            }
        }

        private synchronized Connection listener() {
            if (listener != null || closed) return listener;
            try {
                Connection c = DriverManager.getConnection(db.url());
                try (var st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                listener = c;
            } catch (SQLException e) {
                listener = null; // the database is away: the follower polls until it is back
            }
            return listener;
        }

        private synchronized void dropListener() {
            if (listener == null) return;
            try {
                listener.close();
            } catch (SQLException ignored) {
                // already broken
            }
            listener = null;
        }

        void close() {
            closed = true;
            dropListener();
        }
    }

    @Override
    public void close() {
        feed.close();
        db.close();
    }
}
