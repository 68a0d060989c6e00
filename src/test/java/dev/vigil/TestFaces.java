package dev.vigil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.Analysis;
import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.engine.SamplePhotos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Real faces for tests: one engine per test JVM (real models), the npm sample photos (always available), and
 * {@code ../shared/faces} when it is there (tests that need it are skipped, and say so, when it is not).
 */
public final class TestFaces {
    private static FaceEngine engine;
    public static final ImageDecoder DECODER = new ImageDecoder();

    private TestFaces() {
    }

    public static synchronized FaceEngine engine() {
        if (engine == null) engine = FaceEngine.open(EngineConfig.defaults());
        return engine;
    }

    /** sample1.jpg .. sample6.jpg from npm @vladmandic/face-api. */
    public static List<Path> samples() {
        return SamplePhotos.ensure();
    }

    public static Path sample(int n) {
        return samples().stream().filter(p -> p.getFileName().toString().equals("sample" + n + ".jpg")).findFirst()
                .orElseThrow();
    }

    public static Path shared() {
        return Path.of(System.getProperty("vigil.shared", "../shared")).toAbsolutePath().normalize();
    }

    /** ../shared/faces, or the test is skipped with a message saying where it looked. */
    public static Path sharedFaces() {
        Path faces = shared().resolve("faces");
        assumeTrue(Files.isDirectory(faces), "skipped: no labeled faces at " + faces);
        return faces;
    }

    public static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Analysis analyze(Path p, AnalyzeOptions options) {
        return analyze(bytes(p), options);
    }

    public static Analysis analyze(byte[] bytes, AnalyzeOptions options) {
        try (DecodedImage img = DECODER.decode(bytes)) {
            return engine().analyze(img, options);
        }
    }
}
