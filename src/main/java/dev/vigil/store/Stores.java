package dev.vigil.store;

import dev.vigil.config.VigilConfig;
import java.nio.file.Path;

/** Picks the store the configuration names: PostgreSQL when {@code database.url} is set, else SQLite in the data dir. */
public final class Stores {
    private Stores() {
    }

    public static JdbcStore open(VigilConfig.Database database, Path data) {
        if (database.url().isBlank()) return SqliteStore.open(sqliteFile(data));
        if (!PostgresDatabase.isPostgres(database.url())) {
            throw new IllegalArgumentException("database.url must be a PostgreSQL URL (jdbc:postgresql://... or "
                    + "postgres://...), or empty for SQLite in the data directory");
        }
        return PostgresStore.open(database.url(), database.poolSize());
    }

    /** Where {@link #open} keeps the data, for messages: the SQLite file, or the PostgreSQL URL without its password. */
    public static String location(VigilConfig.Database database, Path data) {
        if (database.url().isBlank()) return sqliteFile(data).toString();
        return PostgresDatabase.withoutPassword(PostgresDatabase.jdbcUrl(database.url()));
    }

    private static Path sqliteFile(Path data) {
        return data.resolve("vigil.db");
    }
}
