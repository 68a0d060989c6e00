package dev.vigil.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The real PostgreSQL on this machine (127.0.0.1:5432, database {@code test}, trust auth), one fresh schema per
 * caller so that runs do not see each other. Tests that need it are skipped, and say so, when it is not there.
 */
public final class PostgresTestDb implements AutoCloseable {
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    public final String schema;
    /** A JDBC URL whose tables live in {@link #schema}. */
    public final String url;

    private PostgresTestDb(String schema) {
        this.schema = schema;
        this.url = SERVER + "&currentSchema=" + schema;
    }

    /** A new empty schema, or the test is skipped when PostgreSQL is unreachable. */
    public static PostgresTestDb create(String purpose) {
        String schema = "vigil_" + purpose.toLowerCase() + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(SERVER + "&connectTimeout=3"); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            assumeTrue(false, "skipped: no PostgreSQL at 127.0.0.1:5432 (" + e.getMessage() + ")");
        }
        return new PostgresTestDb(schema);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(SERVER); var st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }
}
