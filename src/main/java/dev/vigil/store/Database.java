package dev.vigil.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the stores run their SQL: SQLite ({@link SqliteDatabase}) or PostgreSQL ({@link PostgresDatabase}). The
 * gallery, the event log and the decision log share one, so each writes its statements once for both dialects and
 * leaves connections, locking and transactions to the database.
 */
public interface Database extends AutoCloseable {

    /** Work on one connection; a write runs inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a connection that sees committed data; may run beside writes. */
    <T> T read(Work<T> work);

    /** Runs {@code work} in one write transaction; rolls back on any failure. */
    <T> T write(Work<T> work);

    /**
     * Called after a transaction that erased a person has committed, to make the deleted rows unrecoverable from the
     * database's files where the database can do that at once. Nothing by default.
     */
    default void afterErasure() {
    }

    @Override
    void close();

    /** Commits {@code work} on {@code c}, or rolls it back on any failure and turns SQL errors into store errors. */
    static <T> T inTransaction(Connection c, Work<T> work) {
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
                SQLException se = (SQLException) e;
                if (isUniqueViolation(se)) throw new StoreException("constraint violated: " + se.getMessage(), se);
                throw new StoreException("database write failed: " + se.getMessage(), se);
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        }
    }

    /** A unique or primary key was violated: SQLSTATE 23505 on PostgreSQL, a "UNIQUE constraint" message on SQLite. */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("UNIQUE");
    }
}
