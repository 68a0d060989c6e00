package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.rotate;

import dev.vigil.TestFaces;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void aZeroByteFileIsAnEmptyImage() {
        assertThatThrownBy(() -> decoder.decode(new byte[0]))
                .isInstanceOfSatisfying(ImageException.class, e -> assertThat(e.code()).isEqualTo("empty_image"));
    }

    @Test
    void aTextFileIsNotAnImage() {
        byte[] text = "name,email\nalice,alice@example.org\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.decode(text))
                .isInstanceOfSatisfying(ImageException.class, e -> assertThat(e.code()).isEqualTo("invalid_image"));
    }

    @Test
    void aTruncatedJpegIsReportedAsTruncated() {
        byte[] photo = TestFaces.bytes(TestFaces.sample(1));
        byte[] half = Arrays.copyOf(photo, photo.length / 2);
        assertThatThrownBy(() -> decoder.decode(half))
                .isInstanceOfSatisfying(ImageException.class, e -> assertThat(e.code()).isEqualTo("truncated_image"));
    }

    @Test
    void aCorruptFileWithAnImageHeaderIsNotAnImage() {
        byte[] photo = TestFaces.bytes(TestFaces.sample(2));
        byte[] corrupt = photo.clone();
        // Keep the PNG signature, garble everything after it.
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(png, 0, corrupt, 0, png.length);
        for (int i = png.length; i < 4096; i++) corrupt[i] = (byte) (i * 31);
        assertThatThrownBy(() -> decoder.decode(corrupt))
                .isInstanceOfSatisfying(ImageException.class, e -> assertThat(e.code()).isEqualTo("invalid_image"));
    }

    @Test
    void aLargePhotoIsDownscaledOnceAndCoordinatesStayInOriginalPixels() {
        var small = new ImageDecoder(640, 50_000_000L);
        byte[] photo = TestFaces.bytes(TestFaces.sample(3));
        List<Face> full, reduced;
        try (DecodedImage a = decoder.decode(photo); DecodedImage b = small.decode(photo)) {
            assertThat(a.width()).isEqualTo(1920);
            assertThat(b.width()).isEqualTo(640);
            assertThat(b.originalWidth()).isEqualTo(1920);
            full = TestFaces.engine().analyze(a, AnalyzeOptions.DETECT_ONLY).faces();
            reduced = TestFaces.engine().analyze(b, AnalyzeOptions.DETECT_ONLY).faces();
        }
        assertThat(reduced).hasSameSizeAs(full);
        for (Face f : full) {
            assertThat(reduced).anySatisfy(r -> assertThat(r.box().iou(f.box())).isGreaterThan(0.7f));
        }
    }

    @Test
    void anImageAboveThePixelLimitIsRefusedBeforeDecoding() {
        var strict = new ImageDecoder(1920, 1_000_000L);
        assertThatThrownBy(() -> strict.decode(TestFaces.bytes(TestFaces.sample(1))))
                .isInstanceOfSatisfying(ImageException.class, e -> assertThat(e.code()).isEqualTo("image_too_large"));
    }

    @Test
    void pngAndBmpAndWebpDecodeLikeJpeg() {
        byte[] jpeg = TestFaces.bytes(TestFaces.sample(3));
        try (DecodedImage img = decoder.decode(jpeg)) {
            for (String ext : List.of(".png", ".bmp", ".webp")) {
                byte[] encoded = TestFaces.encode(img.mat(), ext);
                assertThat(TestFaces.analyze(encoded, AnalyzeOptions.DETECT_ONLY).faces()).as(ext).hasSize(3);
            }
        }
    }

    /**
     * The twin is stored rotated 90 degrees counter-clockwise with EXIF orientation 6 ("rotate 90 CW to display"),
     * as phones write portrait photos. Decoded, it must be upright: same size, same face, same embedding.
     */
    @Test
    void aRotatedExifPhotoFindsTheSameFaceAsItsUprightTwin() {
        byte[] upright = TestFaces.bytes(TestFaces.sample(3));
        byte[] rotatedWithExif;
        try (DecodedImage img = decoder.decode(upright); Mat turned = new Mat()) {
            rotate(img.mat(), turned, ROTATE_90_COUNTERCLOCKWISE);
            rotatedWithExif = withExifOrientation(TestFaces.encode(turned, ".jpg"), 6);
        }
        try (DecodedImage a = decoder.decode(upright); DecodedImage b = decoder.decode(rotatedWithExif)) {
            assertThat(b.width()).isEqualTo(a.width());
            assertThat(b.height()).isEqualTo(a.height());
        }
        Face expected = largest(TestFaces.analyze(upright, AnalyzeOptions.EMBED).faces());
        Face actual = largest(TestFaces.analyze(rotatedWithExif, AnalyzeOptions.EMBED).faces());
        assertThat(actual.box().iou(expected.box())).isGreaterThan(0.8f);
        assertThat(actual.embedding().cosine(expected.embedding())).isGreaterThan(0.9f);
    }

    private static Face largest(List<Face> faces) {
        return faces.stream().max(Comparator.comparingDouble(f -> f.box().area())).orElseThrow();
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one IFD entry: Orientation) right after the JPEG SOI marker. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD at offset 8
                0, 1, // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, count 1, value
                0, 0, 0, 0}; // no next IFD
        byte[] exifHeader = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exifHeader.length + tiff.length;
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(exifHeader);
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
