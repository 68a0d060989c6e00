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

    /**
     * A JPEG portrait of one face of a group photo (faces numbered left to right): the face box doubled, so the
     * portrait has one face with room around it, like a photo a user would enrol.
     */
    public static byte[] portrait(Path photo, int leftToRight) {
        try (DecodedImage img = DECODER.decode(bytes(photo))) {
            var faces = engine().analyze(img, AnalyzeOptions.DETECT_ONLY).faces().stream()
                    .sorted(java.util.Comparator.comparingDouble(f -> f.box().x1())).toList();
            var box = faces.get(leftToRight).box().scaled(1.6f).clippedTo(img.width(), img.height());
            try (var rect = new org.bytedeco.opencv.opencv_core.Rect(Math.round(box.x1()), Math.round(box.y1()),
                    Math.round(box.width()), Math.round(box.height()));
                 var crop = new org.bytedeco.opencv.opencv_core.Mat(img.mat(), rect)) {
                 return encode(crop, ".jpg");
            }
        }
    }

    /** Encodes an image in the format of the extension (".jpg", ".png", ".bmp", ".webp"). */
    public static byte[] encode(org.bytedeco.opencv.opencv_core.Mat mat, String ext) {
        try (var buf = new org.bytedeco.javacpp.BytePointer()) {
            if (!org.bytedeco.opencv.global.opencv_imgcodecs.imencode(ext, mat, buf)) throw new IllegalStateException("cannot encode " + ext);
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }

    /** The photo at half its size, re-encoded as JPEG: the same people, fewer pixels. */
    public static byte[] halfSize(Path photo) {
        try (DecodedImage img = DECODER.decode(bytes(photo)); var small = new org.bytedeco.opencv.opencv_core.Mat();
             var size = new org.bytedeco.opencv.opencv_core.Size(img.width() / 2, img.height() / 2)) {
            org.bytedeco.opencv.global.opencv_imgproc.resize(img.mat(), small, size);
            return encode(small, ".jpg");
        }
    }

    public static Analysis analyze(byte[] bytes, AnalyzeOptions options) {
        try (DecodedImage img = DECODER.decode(bytes)) {
            return engine().analyze(img, options);
        }
    }
}
