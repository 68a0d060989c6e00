package dev.vigil.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Copies a SQLite installation into an empty PostgreSQL database, row for row (ids, timestamps, embeddings and crops
 * unchanged), in one target transaction, then checks that every table holds as many rows on both sides. Both sides
 * are first brought to the current schema by opening them as stores.
 */
public final class StoreCopy {
    /**
     * Every table of the schema, in the order their foreign keys need; the copy is by column name. The change feed
     * ({@code gallery_changes}) is not copied: servers started on the copy load the whole gallery first.
     */
    static final List<String> TABLES = List.of("subjects", "templates", "streams", "events", "webhooks",
            "webhook_deliveries", "threshold_decisions", "api_keys", "audit", "auto_profiles", "negative_examples", "stream_leases", "node_tokens");
    private static final int BATCH = 500;

    private StoreCopy() {
    }

    /** Rows copied per table, in copy order. */
    public static Map<String, Long> copy(Path sqliteFile, String postgresUrl) {
        if (!Files.isRegularFile(sqliteFile)) throw new IllegalArgumentException("no SQLite database at " + sqliteFile);
        SqliteStore.open(sqliteFile).close();
        PostgresStore.open(postgresUrl, 1).close();
        var props = new Properties();
        props.setProperty("reWriteBatchedInserts", "true"); // one multi-row INSERT per batch
        try (Connection from = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile.toAbsolutePath());
             Connection to = DriverManager.getConnection(PostgresDatabase.jdbcUrl(postgresUrl), props)) {
            for (String table : TABLES) {
                if (count(to, table) > 0) {
                    throw new StoreException("the target database already has " + table + ": copy only into an empty one");
                }
            }
            Map<String, Long> copied = new LinkedHashMap<>();
            to.setAutoCommit(false);
            try {
                for (String table : TABLES) {
                    copied.put(table, copyTable(from, to, table));
                    advanceIdentities(to, table);
                }
                to.commit();
            } catch (SQLException | RuntimeException e) {
                to.rollback();
                throw e;
            }
            for (String table : TABLES) {
                long source = count(from, table), target = count(to, table);
                if (source != target) throw new StoreException(table + ": " + source + " rows in SQLite but " + target + " in PostgreSQL");
            }
            return Collections.unmodifiableMap(copied);
        } catch (SQLException e) {
            throw new StoreException("copy failed: " + e.getMessage(), e);
        }
    }

    private static long copyTable(Connection from, Connection to, String table) throws SQLException {
        try (var st = from.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            int n = rs.getMetaData().getColumnCount();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= n; i++) columns.add(rs.getMetaData().getColumnName(i));
            String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(n, "?")) + ")";
            long rows = 0;
            try (PreparedStatement ps = to.prepareStatement(insert)) {
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) ps.setObject(i, rs.getObject(i));
                    ps.addBatch();
                    if (++rows % BATCH == 0) ps.executeBatch();
                }
                ps.executeBatch();
            }
            return rows;
        }
    }

    /** Identity columns (audit ids) keep the copied values; their sequences must then start past them. */
    private static void advanceIdentities(Connection to, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = to.prepareStatement("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND table_name = ? AND is_identity = 'YES'")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) columns.add(rs.getString(1));
            }
        }
        for (String column : columns) {
            try (PreparedStatement ps = to.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), MAX(" + column
                    + ")) FROM " + table)) {
                ps.setString(1, table);
                ps.setString(2, column);
                ps.executeQuery().close();
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
