package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded SQLite file, plus what only SQLite has. */
class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path dir;

    @Override
    JdbcStore open() {
        return SqliteStore.open(dir.resolve("v.db"));
    }

    @Override
    String migrations() {
        return "db/sqlite";
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("v.db"));
    }

    @Test
    void theFileIsInWalModeSoReadersDoNotWaitForTheWriter() throws Exception {
        open().close();
        try (var c = connect(); var st = c.createStatement(); var rs = st.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void aSingleServerStoreHasNoChangeFeed() {
        try (var store = open()) {
            assertThat(store.changeFeed()).isEmpty();
        }
    }
}
