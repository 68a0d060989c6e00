package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void defaultsWorkWithNothingSet() {
        VigilConfig c = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().host()).isEqualTo("127.0.0.1");
        assertThat(c.server().data().getFileName().toString()).isEqualTo("data");
        assertThat(c.recognition().accept()).isEqualTo(Calibration.shipped().accept()); // the shipped calibration
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vigil.json");
        Files.writeString(file, "{\"server\":{\"port\":9000},\"recognition\":{\"accept\":0.5,\"rejectFloor\":0.3}}");
        VigilConfig fromFile = ConfigLoader.load(file, Map.of(), Map.of());
        assertThat(fromFile.server().port()).isEqualTo(9000);
        assertThat(fromFile.recognition().accept()).isEqualTo(0.5f);

        var env = Map.of("VIGIL_PORT", "9100", "VIGIL_RECOGNITION_ACCEPT", "0.4", "VIGIL_SERVER_MAX_UPLOAD_BYTES", "5000",
                "VIGIL_MODELS", "/somewhere");
        VigilConfig fromEnv = ConfigLoader.load(file, env, Map.of());
        assertThat(fromEnv.server().port()).isEqualTo(9100);
        assertThat(fromEnv.recognition().accept()).isEqualTo(0.4f);
        assertThat(fromEnv.server().maxUploadBytes()).isEqualTo(5000);

        VigilConfig fromFlag = ConfigLoader.load(file, env, Map.of("server.port", 9200, "server.data", dir));
        assertThat(fromFlag.server().port()).isEqualTo(9200);
        assertThat(fromFlag.server().data()).isEqualTo(dir);
    }

    @Test
    void typosAndBadValuesAreErrorsThatSayWhere(@TempDir Path dir) throws IOException {
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{\"server\":{\"prot\":9000}}");
        assertThatThrownBy(() -> ConfigLoader.load(typo, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server.prot");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VIGIL_SERVER_PROT", "1"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VIGIL_SERVER_PROT");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VIGIL_PORT", "70000"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server.port must be 0..65535");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VIGIL_RECOGNITION_ACCEPT", "0.1"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejectFloor <= accept");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"server\":");
        assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void theDatabaseIsChosenByOneValueFromTheEnvironmentOrAFlag() {
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).database().url()).as("SQLite by default").isEmpty();
        String pg = "postgres://vigil@db/vigil";
        assertThat(ConfigLoader.load(null, Map.of("VIGIL_DB", pg), Map.of()).database().url()).isEqualTo(pg);
        assertThat(ConfigLoader.load(null, Map.of("VIGIL_DATABASE_POOL_SIZE", "3"), Map.of("database.url", pg)).database())
                .isEqualTo(new VigilConfig.Database(pg, 3, 1000));
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VIGIL_DATABASE_POOL_SIZE", "0"), Map.of()))
                .hasMessageContaining("database.poolSize");
        var mysql = ConfigLoader.load(null, Map.of("VIGIL_DB", "jdbc:mysql://db/vigil"), Map.of()).database();
        assertThatThrownBy(() -> dev.vigil.store.Stores.open(mysql, Path.of("unused")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PostgreSQL URL");
    }
}
