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
 * One SQLite file in WAL mode, shared by every store on it (gallery, event log, decision log). SQLite allows one writer at a time,
 * so there is one write connection behind a lock; WAL lets readers run beside it, so reads borrow one of a few
 * read-only connections and never wait for a write. {@code synchronous=FULL}: what is reported as stored survives a
 * crash or power cut.
 */
public final class SqliteDatabase implements Database {
    private static final int READERS = 4;

    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> all = new ArrayList<>();

    private SqliteDatabase(Path file) throws SQLException {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        writer = DriverManager.getConnection(url);
        all.add(writer);
        try (var st = writer.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA foreign_keys=ON");
            st.execute("PRAGMA busy_timeout=10000");
            // Deleted rows are overwritten, not just unlinked: an erased person leaves no bytes in the file.
            st.execute("PRAGMA secure_delete=ON");
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

    /**
     * Copies the WAL into the database and empties it, so erased pages do not linger in the -wal file either
     * ({@code secure_delete} has already overwritten them in the database).
     */
    @Override
    public void afterErasure() {
        writeLock.lock();
        try (var st = writer.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new StoreException("checkpoint failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Opens the file and brings its schema up to date. */
    public static SqliteDatabase open(Path file) {
        try {
            return new SqliteDatabase(file);
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T read(Work<T> work) {
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
    public <T> T write(Work<T> work) {
        writeLock.lock();
        try {
            return Database.inTransaction(writer, work);
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
