package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsTest {

    @Test
    void theCachedModelsMatchTheirPinnedChecksums() throws IOException {
        var files = Models.ensure(Models.defaultDirectory());
        assertThat(files).hasSize(6);
        assertThat(NpmPackage.sha256(files.get(Models.FEATURE)))
                .isEqualTo("87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581");
    }

    @Test
    void aChecksumMismatchInstallsNothingAndSaysWhatHappened(@TempDir Path dir) throws IOException {
        var wrong = new NpmPackage(Models.PACKAGE, List.of(
                new NpmPackage.PinnedFile("package/model/fr_eye.onnx", "0".repeat(64))));
        assertThatThrownBy(() -> wrong.ensure(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("checksum mismatch for package/model/fr_eye.onnx")
                .hasMessageContaining("nothing was installed");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsOnly(".lock");
        }
    }

    @Test
    void aCorruptedCachedModelIsFetchedAgain(@TempDir Path dir) throws IOException {
        var eye = new NpmPackage(Models.PACKAGE, List.of(new NpmPackage.PinnedFile("package/model/fr_eye.onnx",
                "1afcea006abc1ccac3c517022abde0aa092bed74ff3c9fe6878483ef9e6e38de")));
        Path file = eye.ensure(dir).get("fr_eye.onnx");
        Files.write(file, new byte[] {1, 2, 3});
        eye.ensure(dir);
        assertThat(NpmPackage.sha256(file)).isEqualTo("1afcea006abc1ccac3c517022abde0aa092bed74ff3c9fe6878483ef9e6e38de");
    }

    @Test
    void withoutNpmTheMessageSaysToInstallIt(@TempDir Path dir) {
        var noNpm = new NpmPackage(Models.PACKAGE, List.of(new NpmPackage.PinnedFile("package/model/fr_eye.onnx", "0".repeat(64))),
                dir.resolve("no-such-npm").toString());
        assertThatThrownBy(() -> noNpm.ensure(dir)).isInstanceOf(ModelException.class)
                .hasMessageContaining("npm is not installed");
    }

    @Test
    void aPackageTheRegistryCannotServeSaysSo(@TempDir Path dir) {
        var missing = new NpmPackage("faceplugin-face-recognition-js@999.0.0",
                List.of(new NpmPackage.PinnedFile("package/model/fr_eye.onnx", "0".repeat(64))));
        assertThatThrownBy(() -> missing.ensure(dir)).isInstanceOf(ModelException.class)
                .hasMessageContaining("npm pack faceplugin-face-recognition-js@999.0.0 failed");
    }
}
