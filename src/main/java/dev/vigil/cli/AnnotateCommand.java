package dev.vigil.cli;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.Face;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.engine.Point;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil annotate IMG -o OUT.jpg}: draws what the engine saw, so a person can check it by eye. */
@Command(name = "annotate", description = "Draw boxes, landmarks, the 5 alignment points and scores onto an image.")
final class AnnotateCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Parameters(index = "0", paramLabel = "IMG")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.jpg")
    Path output;

    @Override
    public Integer call() throws Exception {
        try (FaceEngine fe = engine.open(); DecodedImage img = new ImageDecoder().decode(Files.readAllBytes(input))) {
            List<Face> faces = fe.analyze(img, AnalyzeOptions.FULL).faces();
            Mat canvas = img.mat();
            float s = img.scale();
            int thick = Math.max(1, canvas.cols() / 640);
            try (Scalar green = new Scalar(80, 220, 80, 0); Scalar cyan = new Scalar(255, 220, 0, 0);
                 Scalar red = new Scalar(60, 60, 255, 0)) {
                for (Face f : faces) {
                    var b = f.box();
                    try (var p1 = new org.bytedeco.opencv.opencv_core.Point(Math.round(b.x1() * s), Math.round(b.y1() * s));
                         var p2 = new org.bytedeco.opencv.opencv_core.Point(Math.round(b.x2() * s), Math.round(b.y2() * s))) {
                        rectangle(canvas, p1, p2, green, thick, LINE_AA, 0);
                    }
                    for (Point p : f.landmarks().points()) dot(canvas, p, s, Math.max(1, thick), cyan);
                    for (Point p : f.landmarks().fivePoints()) dot(canvas, p, s, 2 * thick + 1, red);
                    String label = String.format("det %.2f q %.2f live %.2f", f.score(), f.quality().score(), f.liveness());
                    // Keep the label inside the picture when the face is near its right edge.
                    int labelWidth;
                    try (var size = getTextSize(label, FONT_HERSHEY_SIMPLEX, 0.4 * thick, thick, (IntPointer) null)) {
                        labelWidth = size.width();
                    }
                    int x = Math.max(0, Math.min(Math.round(b.x1() * s), canvas.cols() - labelWidth - 2));
                    try (var origin = new org.bytedeco.opencv.opencv_core.Point(x, Math.max(12, Math.round(b.y1() * s) - 6))) {
                        putText(canvas, label, origin, FONT_HERSHEY_SIMPLEX, 0.4 * thick, green, thick, LINE_AA, false);
                    }
                }
            }
            if (!imwrite(output.toString(), canvas)) throw new java.io.IOException("cannot write " + output);
            System.out.println(faces.size() + " face(s) drawn to " + output);
            return 0;
        }
    }

    private static void dot(Mat canvas, Point p, float s, int radius, Scalar colour) {
        try (var c = new org.bytedeco.opencv.opencv_core.Point(Math.round(p.x() * s), Math.round(p.y() * s))) {
            circle(canvas, c, radius, colour, -1, LINE_AA, 0);
        }
    }
}
