package dev.vigil.engine;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Turns uploaded bytes into an upright BGR image: JPEG, PNG, BMP, WebP (whatever OpenCV decodes). EXIF orientation
 * is honoured (OpenCV applies it with IMREAD_COLOR). An image larger than {@code maxSide} is downscaled once, with
 * libjpeg's cheap DCT scaling when the header says it is at least twice too large, so the detector's 320x240 input and
 * the crops never pay for pixels they cannot use. The header is read first so that a decompression bomb is refused
 * before any pixels are allocated.
 */
public final class ImageDecoder {

    private final int maxSide;
    private final long maxPixels;

    /**
     * @param maxSide   longest side kept after decoding (faces stay large enough for the 112 px crop)
     * @param maxPixels largest width x height accepted at all
     */
    public ImageDecoder(int maxSide, long maxPixels) {
        this.maxSide = maxSide;
        this.maxPixels = maxPixels;
    }

    public ImageDecoder() {
        this(1920, 50_000_000L);
    }

    public DecodedImage decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) throw new ImageException("empty_image", "the image is empty (0 bytes)");
        if (isJpeg(bytes) && !hasJpegEnd(bytes)) {
            throw new ImageException("truncated_image", "the JPEG is truncated (no end-of-image marker)");
        }
        int[] header = headerSize(bytes);
        if (header != null && (long) header[0] * header[1] > maxPixels) {
            throw new ImageException("image_too_large", "the image is " + header[0] + "x" + header[1]
                    + " pixels; at most " + maxPixels + " pixels are accepted");
        }
        int flags = IMREAD_COLOR;
        int reduction = 1;
        if (header != null && isJpeg(bytes)) {
            int longest = Math.max(header[0], header[1]);
            if (longest >= 8 * maxSide) { flags = IMREAD_REDUCED_COLOR_8; reduction = 8; }
            else if (longest >= 4 * maxSide) { flags = IMREAD_REDUCED_COLOR_4; reduction = 4; }
            else if (longest >= 2 * maxSide) { flags = IMREAD_REDUCED_COLOR_2; reduction = 2; }
        }
        Mat decoded;
        try (BytePointer data = new BytePointer(bytes); Mat buffer = new Mat(1, bytes.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, data)) {
            decoded = imdecode(buffer, flags);
        } catch (RuntimeException e) {
            throw new ImageException("invalid_image", "the file could not be decoded as an image: " + e.getMessage());
        }
        if (decoded == null || decoded.empty()) {
            if (decoded != null) decoded.close();
            throw new ImageException("invalid_image",
                    "the file is not a decodable image (JPEG, PNG, BMP or WebP expected)");
        }
        int originalWidth = decoded.cols() * reduction, originalHeight = decoded.rows() * reduction;
        int longest = Math.max(decoded.cols(), decoded.rows());
        if (longest <= maxSide) return new DecodedImage(decoded, 1f / reduction, originalWidth, originalHeight);
        double f = (double) maxSide / longest;
        Mat small = new Mat();
        try (Size size = new Size((int) Math.round(decoded.cols() * f), (int) Math.round(decoded.rows() * f))) {
            resize(decoded, small, size, 0, 0, INTER_AREA);
        } finally {
            decoded.close();
        }
        return new DecodedImage(small, (float) (f / reduction), originalWidth, originalHeight);
    }

    private static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    /** JPEG writers may append padding or trailers after EOI; look for the marker near the end. */
    private static boolean hasJpegEnd(byte[] b) {
        for (int i = b.length - 2, stop = Math.max(2, b.length - 65536); i >= stop; i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) return true;
        }
        return false;
    }

    /** Width and height from the header alone, for the formats ImageIO knows (JPEG, PNG, BMP, GIF); null otherwise. */
    private static int[] headerSize(byte[] bytes) {
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) return null;
            var reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null; // let OpenCV decide; it reports undecodable input itself
        }
    }
}
