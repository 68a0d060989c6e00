package dev.vigil.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A PostgreSQL database shared by several {@code vigil serve} instances. Connections come from a small pool;
 * migrations run under a session advisory lock, so servers starting together apply each version once.
 */
public final class PostgresDatabase implements Database {
    /** Advisory lock key: database-wide, so it names the application and the purpose. */
    static final long MIGRATION_LOCK = 0x5649_4749_4c00_0001L;

    private final String url;
    private final HikariDataSource pool;

    private PostgresDatabase(String url, int poolSize) throws SQLException {
        this.url = url;
        var config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setPoolName("vigil-postgres");
        // Reads stream large results (a full index load), which PostgreSQL does only inside a transaction.
        config.setAutoCommit(false);
        config.setInitializationFailTimeout(-1);
        // Binary transfer from the first execution: a start-up load of every embedding is then about twice as fast as
        // with bytea sent as hex text (100k templates here: 7.5 s before, 3.6 s after). A value in the URL wins.
        config.addDataSourceProperty("prepareThreshold", "-1");
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection(); var st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            try {
                Migrations.apply(c, "db/postgres");
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
            }
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Opens the database at {@code url} and brings its schema up to date: {@code jdbc:postgresql://host[:port]/db?user=...},
     * or the libpq form {@code postgres://user[:password]@host[:port]/db}.
     */
    public static PostgresDatabase open(String url, int poolSize) {
        String jdbc = jdbcUrl(url);
        try {
            return new PostgresDatabase(jdbc, poolSize);
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("cannot open database " + withoutPassword(jdbc) + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL, for a connection outside the pool (one that waits for {@code NOTIFY}). */
    String url() {
        return url;
    }

    public static boolean isPostgres(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("jdbc:postgresql:") || u.startsWith("postgres://") || u.startsWith("postgresql://");
    }

    public static String jdbcUrl(String url) {
        if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) return url;
        if (!isPostgres(url)) throw new IllegalArgumentException("not a PostgreSQL URL: " + url);
        URI uri = URI.create(url);
        var jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) jdbc.append(':').append(uri.getPort());
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        List<String> params = new ArrayList<>();
        if (uri.getRawQuery() != null) params.add(uri.getRawQuery());
        if (uri.getRawUserInfo() != null) {
            String[] userPassword = uri.getRawUserInfo().split(":", 2);
            params.add("user=" + userPassword[0]);
            if (userPassword.length == 2) params.add("password=" + userPassword[1]);
        }
        if (!params.isEmpty()) jdbc.append('?').append(String.join("&", params));
        return jdbc.toString();
    }

    /** For messages: the URL with any password masked. */
    public static String withoutPassword(String jdbc) {
        return URLDecoder.decode(jdbc, StandardCharsets.UTF_8).replaceAll("password=[^&]*", "password=***");
    }

    @Override
    public <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                return work.run(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T write(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return Database.inTransaction(c, work);
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
