package dev.vigil.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one SQLite file in WAL mode. SQLite allows one writer at a time, so there is one write
 * connection behind a lock; WAL lets readers run beside it, so reads borrow one of a few read-only connections and
 * never wait for a write. {@code synchronous=FULL}: a template reported as stored survives a crash or power cut.
 */
public final class SqliteStore extends JdbcStore {
    private static final int READERS = 4;

    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> all = new ArrayList<>();

    private SqliteStore(Path file) throws SQLException {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        writer = DriverManager.getConnection(url);
        all.add(writer);
        try (var st = writer.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA foreign_keys=ON");
            st.execute("PRAGMA busy_timeout=10000");
        }
        Migrations.apply(writer, "db/sqlite");
        for (int i = 0; i < READERS; i++) {
            Connection r = DriverManager.getConnection(url);
            try (var st = r.createStatement()) {
                st.execute("PRAGMA busy_timeout=10000");
                st.execute("PRAGMA query_only=ON");
            }
            all.add(r);
            readers.add(r);
        }
    }

    public static SqliteStore open(Path file) {
        try {
            return new SqliteStore(file);
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected <T> T read(Work<T> work) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted", e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    @Override
    protected <T> T write(Work<T> work) {
        writeLock.lock();
        try {
            return inTransaction(writer, work);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            for (Connection c : all) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing: nothing left to do with a connection that will not close
                }
            }
        } finally {
            writeLock.unlock();
        }
    }
}
