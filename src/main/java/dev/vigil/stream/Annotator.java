package dev.vigil.stream;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.vigil.recognition.Decision;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Draws boxes, track ids, names and decision colours onto a frame and encodes it as JPEG. One per stream, used by one
 * analysis at a time; its native colours and encode parameters are made once.
 */
final class Annotator implements AutoCloseable {
    /** BGR: green PASS, red UNKNOWN, orange REJECT, grey while the vote is open. */
    private final Scalar pass = new Scalar(80, 200, 60, 0), unknown = new Scalar(60, 60, 230, 0),
            reject = new Scalar(0, 160, 255, 0), open = new Scalar(180, 180, 180, 0);
    private final IntPointer params;

    Annotator(int jpegQuality) {
        params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, jpegQuality);
    }

    byte[] draw(Mat frame, List<PersonInView> persons, float scaleToFrame) {
        int thickness = Math.max(1, frame.cols() / 400);
        double font = Math.max(0.4, frame.cols() / 1600.0);
        for (PersonInView p : persons) {
            Scalar colour = p.decision() == null ? open : p.decision() == Decision.PASS ? pass
                    : p.decision() == Decision.REJECT ? reject : unknown;
            var b = p.box();
            try (Point tl = new Point(Math.round(b.x1() * scaleToFrame), Math.round(b.y1() * scaleToFrame));
                 Point br = new Point(Math.round(b.x2() * scaleToFrame), Math.round(b.y2() * scaleToFrame));
                 Point text = new Point(tl.x(), Math.max(12, tl.y() - 6))) {
                rectangle(frame, tl, br, colour, thickness, LINE_AA, 0);
                String label = "#" + p.trackId() + " " + (p.decision() == null ? "..."
                        : p.known() ? p.name() + String.format(" %.2f", p.confidence()) : "unknown");
                putText(frame, label, text, FONT_HERSHEY_SIMPLEX, font, colour, thickness, LINE_AA, false);
            }
        }
        // A fresh buffer each time: when imencode resizes a reused pointer, JavaCPP registers a new deallocator and keeps
        // the old ones until the pointer is freed, so a long-lived buffer piled up ~26 MB of them per hour in the soak
        // (counted against JavaCPP's memory limit, past which allocations fail).
        try (BytePointer jpeg = new BytePointer()) {
            if (!opencv_imgcodecs.imencode(".jpg", frame, jpeg, params)) throw new IllegalStateException("JPEG encoding failed");
            byte[] out = new byte[(int) jpeg.limit()];
            jpeg.get(out);
            return out;
        }
    }

    @Override
    public void close() {
        for (Scalar s : List.of(pass, unknown, reject, open)) s.close();
        params.close();
    }
}
