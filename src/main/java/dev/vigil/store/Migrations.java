package dev.vigil.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies versioned SQL migrations from a classpath folder ({@code db/sqlite/V1__name.sql}, {@code V2__...}) in order,
 * each once and in its own transaction, recording them in {@code schema_version}. The folder lists its files in
 * {@code index.txt}, because a classpath folder cannot be listed inside a jar.
 */
public final class Migrations {
    private Migrations() {
    }

    /** Returns the versions applied by this call. */
    public static List<Integer> apply(Connection c, String folder) throws SQLException {
        List<String> files = read(folder + "/index.txt").lines().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        boolean auto = c.getAutoCommit();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    + "applied_at BIGINT NOT NULL)");
            Set<Integer> done = new HashSet<>();
            try (var rs = st.executeQuery("SELECT version FROM schema_version")) {
                while (rs.next()) done.add(rs.getInt(1));
            }
            List<Integer> applied = new ArrayList<>();
            int previous = 0;
            for (String file : files) {
                int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
                if (version <= previous) throw new IllegalStateException("migrations out of order at " + file);
                previous = version;
                if (done.contains(version)) continue;
                c.setAutoCommit(false);
                try {
                    for (String sql : read(folder + "/" + file).split(";\\s*(\\n|$)")) {
                        if (!sql.isBlank()) st.execute(sql);
                    }
                    try (var ps = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
                        ps.setInt(1, version);
                        ps.setString(2, file);
                        ps.setLong(3, System.currentTimeMillis());
                        ps.executeUpdate();
                    }
                    c.commit();
                    applied.add(version);
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw new StoreException("migration " + file + " failed: " + e.getMessage(), e);
                } finally {
                    c.setAutoCommit(auto);
                }
            }
            return applied;
        }
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getResourceAsStream("/" + resource)) {
            if (in == null) throw new IllegalStateException("missing migration resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
