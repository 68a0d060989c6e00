package dev.vigil.store;

import java.nio.file.Path;

/** The embedded store: the SQL of {@link JdbcStore} on one SQLite file ({@link SqliteDatabase}). */
public final class SqliteStore extends JdbcStore {
    private final SqliteDatabase db;

    private SqliteStore(SqliteDatabase db) {
        this.db = db;
    }

    public static SqliteStore open(Path file) {
        return new SqliteStore(SqliteDatabase.open(file));
    }

    @Override
    public SqliteDatabase database() {
        return db;
    }
}
