package dev.vigil.engine;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import ai.onnxruntime.OrtEnvironment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Finds and describes faces. One instance per process: it owns the ONNX sessions for its whole life and is safe to
 * call from many threads. Each call borrows one of at most one-per-core workspaces (input tensors and scratch
 * images), so a call allocates no large buffers and the CPU is never oversubscribed however many requests arrive. Everything returned is plain Java ({@link Analysis}); native memory never leaves a call.
 *
 * <p>Pre- and post-processing follow the measured facts in ../shared/MODELS.md, not the package's JavaScript: RGB for
 * the detector, standard IoU NMS sorted by score, the 5-point similarity alignment with BGR input for the embedding,
 * and a plain cosine of L2-normalised vectors.
 */
public final class FaceEngine implements AutoCloseable {

    private static final int DET_W = 320, DET_H = 240, ANCHORS = 4420, NMS_TOP_K = 750;
    /** ImageNet normalisation (p/255 - mean) / std, folded into (p - 255 mean) * 1/(255 std), RGB order. */
    private static final float[] POSE_MEAN = {0.485f * 255, 0.456f * 255, 0.406f * 255},
            POSE_SCALE = {1 / (0.229f * 255), 1 / (0.224f * 255), 1 / (0.225f * 255)};

    private final EngineConfig config;
    private final OnnxModel detector, landmarker, embedder, liveness, eyes, pose;
    /** Idle workspaces; at most one per core is ever made, which also bounds how many analyses run at once. */
    private final BlockingQueue<Workspace> idle;
    private final ConcurrentLinkedQueue<Workspace> allWorkspaces = new ConcurrentLinkedQueue<>();
    private final AtomicInteger workspacesMade = new AtomicInteger();
    private final int maxWorkspaces = Runtime.getRuntime().availableProcessors();
    private volatile boolean closed;

    private FaceEngine(EngineConfig config, Map<String, java.nio.file.Path> files) {
        this.config = config;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int t = config.intraOpThreads();
        detector = new OnnxModel(env, files.get(Models.DETECT), t, new long[] {1, 3, DET_H, DET_W}, "scores", "boxes");
        landmarker = new OnnxModel(env, files.get(Models.LANDMARK), t, new long[] {1, 1, 64, 64}, "output");
        embedder = new OnnxModel(env, files.get(Models.FEATURE), t, new long[] {1, 3, 112, 112}, "output");
        liveness = new OnnxModel(env, files.get(Models.LIVENESS), t, new long[] {1, 3, 128, 128}, "output");
        eyes = new OnnxModel(env, files.get(Models.EYE), t, new long[] {1, 1, 24, 24}, "output");
        pose = new OnnxModel(env, files.get(Models.POSE), t, new long[] {1, 3, 224, 224}, "output", "617", "618");
        idle = new ArrayBlockingQueue<>(maxWorkspaces);
    }

    /** Fetches (first run only) and verifies the models, then loads them. */
    public static FaceEngine open(EngineConfig config) {
        return new FaceEngine(config, Models.ensure(config.modelDir()));
    }

    public EngineConfig config() {
        return config;
    }

    /** Every face in the image, best detector score first. Waits while every core is already analysing. */
    public Analysis analyze(DecodedImage image, AnalyzeOptions options) {
        if (closed) throw new IllegalStateException("engine closed");
        Workspace ws = borrow();
        try {
            return analyze(image, options, ws);
        } finally {
            idle.offer(ws);
        }
    }

    private Workspace borrow() {
        Workspace ws = idle.poll();
        if (ws != null) return ws;
        if (workspacesMade.getAndUpdate(n -> n < maxWorkspaces ? n + 1 : n) < maxWorkspaces) {
            ws = new Workspace();
            allWorkspaces.add(ws);
            return ws;
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the engine", e);
        }
    }

    private Analysis analyze(DecodedImage image, AnalyzeOptions options, Workspace ws) {
        long start = System.nanoTime();
        Mat img = image.mat();

        List<Detection> detections = detect(img, ws);
        long afterDetect = System.nanoTime();
        long landmarkNs = 0, alignNs = 0, embedNs = 0, attributeNs = 0;
        float toOriginal = 1f / image.scale();

        List<Face> faces = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            long t0 = System.nanoTime();
            Landmarks marks = landmarks(img, d.box, ws);
            long t1 = System.nanoTime();
            landmarkNs += t1 - t0;

            Embedding embedding = null;
            Quality quality = null;
            byte[] jpeg = null;
            Pose headPose = null;
            float live = Float.NaN;
            Eyes eyeState = null;
            if (options.embedding() || options.crop()) {
                align(img, marks, ws);
                long t2 = System.nanoTime();
                alignNs += t2 - t1;
                if (options.embedding()) {
                    toChw(ws.aligned, ws.feature, false, 127f, 1 / 128f, ws);
                    embedding = Embedding.normalised(embedder.run(ws.feature)[0]);
                }
                if (options.crop()) jpeg = encodeJpeg(ws.aligned);
                embedNs += System.nanoTime() - t2;
            }
            if (options.attributes()) {
                long t3 = System.nanoTime();
                headPose = pose(img, d.box, ws);
                live = liveness(img, d.box, ws);
                eyeState = eyes(img, marks, ws);
                attributeNs += System.nanoTime() - t3;
            }
            if (options.embedding()) {
                double[] sharpBright = sharpnessAndBrightness(ws);
                quality = Quality.of((float) sharpBright[0], (float) sharpBright[1],
                        Math.min(d.box.width(), d.box.height()) * toOriginal, headPose);
            }
            faces.add(new Face(scaleBox(d.box, toOriginal), d.score, scaleLandmarks(marks, toOriginal), embedding,
                    quality, live, eyeState, jpeg));
        }
        double ms = 1e-6;
        var times = new Analysis.StageTimes((afterDetect - start) * ms, landmarkNs * ms, alignNs * ms, embedNs * ms,
                attributeNs * ms, (System.nanoTime() - start) * ms);
        return new Analysis(List.copyOf(faces), times);
    }

    private record Detection(BoundingBox box, float score) {
    }

    private List<Detection> detect(Mat img, Workspace ws) {
        resize(img, ws.detectInput, ws.detectSize, 0, 0, INTER_LINEAR);
        toChw(ws.detectInput, ws.detect, true, 127f, 1 / 128f, ws);
        float[][] out = detector.run(ws.detect);
        float[] scores = out[0], boxes = out[1];
        int w = img.cols(), h = img.rows();
        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < ANCHORS; i++) {
            float s = scores[i * 2 + 1];
            if (s >= config.detectThreshold()) {
                candidates.add(new Detection(new BoundingBox(boxes[i * 4] * w, boxes[i * 4 + 1] * h,
                        boxes[i * 4 + 2] * w, boxes[i * 4 + 3] * h), s));
            }
        }
        candidates.sort(Comparator.comparingDouble((Detection d) -> d.score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection c : candidates.subList(0, Math.min(NMS_TOP_K, candidates.size()))) {
            boolean suppressed = false;
            for (Detection k : kept) {
                if (k.box.iou(c.box) > config.nmsIou()) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) kept.add(c);
        }
        List<Detection> squared = new ArrayList<>(kept.size());
        for (Detection k : kept) {
            BoundingBox box = k.box.squaredByHeight().clippedTo(w, h);
            if (box.width() >= 4 && box.height() >= 4) squared.add(new Detection(box, k.score));
        }
        return squared;
    }

    private Landmarks landmarks(Mat img, BoundingBox box, Workspace ws) {
        BoundingBox crop = box.shiftedInside(img.cols(), img.rows());
        cropResize(img, crop, ws.size64, ws.crop64);
        cvtColor(ws.crop64, ws.gray64, COLOR_BGR2GRAY);
        toGray(ws.gray64, ws.landmark, 1 / 256f, ws);
        float[] v = landmarker.run(ws.landmark)[0];
        List<Point> points = new ArrayList<>(Landmarks.COUNT);
        for (int i = 0; i < Landmarks.COUNT; i++) {
            points.add(new Point(v[i * 2] * crop.width() + crop.x1(), v[i * 2 + 1] * crop.height() + crop.y1()));
        }
        return new Landmarks(points);
    }

    private void align(Mat img, Landmarks marks, Workspace ws) {
        double[] m = SimilarityTransform.estimate(marks.fivePoints(), SimilarityTransform.ARCFACE_112);
        for (int i = 0; i < 6; i++) ws.affineIndexer.put(i / 3, i % 3, m[i]);
        warpAffine(img, ws.aligned, ws.affine, ws.size112, INTER_LINEAR, BORDER_CONSTANT, ws.black);
    }

    private Pose pose(Mat img, BoundingBox box, Workspace ws) {
        BoundingBox crop = box.scaled(1.5f).clippedTo(img.cols(), img.rows());
        cropResize(img, crop, ws.size224, ws.crop224);
        toChw(ws.crop224, ws.pose, true, POSE_MEAN, POSE_SCALE, ws);
        float[][] out = pose.run(ws.pose);
        return new Pose(binnedAngle(out[0]), binnedAngle(out[1]), binnedAngle(out[2]));
    }

    /** HopeNet: softmax over 66 bins of 3 degrees, expectation, then shift to [-99, 99]. */
    private static float binnedAngle(float[] logits) {
        float[] p = softmax(logits);
        double expected = 0;
        for (int i = 0; i < p.length; i++) expected += p[i] * i;
        return (float) (expected * 3 - 99);
    }

    private float liveness(Mat img, BoundingBox box, Workspace ws) {
        int w = img.cols(), h = img.rows();
        float s = Math.min(2.7f, Math.min((h - 1) / box.height(), (w - 1) / box.width()));
        BoundingBox crop = box.scaled(s).shiftedInside(w, h);
        cropResize(img, crop, ws.size128, ws.crop128);
        toChw(ws.crop128, ws.liveness, true, 0f, 1f, ws);
        return softmax(liveness.run(ws.liveness)[0])[0];
    }

    private Eyes eyes(Mat img, Landmarks m, Workspace ws) {
        return new Eyes(eyeOpen(img, m, 36, 37, 38, 39, 40, 41, ws), eyeOpen(img, m, 42, 43, 44, 45, 46, 47, ws));
    }

    /** Probability the eye is open: a square of 1.6 eye-widths around the eyelid points, grey, 24x24. */
    private float eyeOpen(Mat img, Landmarks m, int outer, int a, int b, int inner, int c, int d, Workspace ws) {
        Point centre = Point.mean(m.get(a), m.get(b), m.get(c), m.get(d));
        float half = Math.max(2f, 1.6f * Math.abs(m.get(inner).x() - m.get(outer).x()) / 2);
        BoundingBox crop = new BoundingBox(centre.x() - half, centre.y() - half, centre.x() + half, centre.y() + half)
                .clippedTo(img.cols(), img.rows());
        if (crop.width() < 1 || crop.height() < 1) return Float.NaN;
        cropResize(img, crop, ws.size24, ws.crop24);
        cvtColor(ws.crop24, ws.gray24, COLOR_BGR2GRAY);
        toGray(ws.gray24, ws.eye, 1 / 255f, ws);
        return softmax(eyes.run(ws.eye)[0])[1];
    }

    /** Sharpness (variance of the Laplacian) and brightness (mean grey) of the aligned crop in the workspace. */
    private static double[] sharpnessAndBrightness(Workspace ws) {
        cvtColor(ws.aligned, ws.alignedGray, COLOR_BGR2GRAY);
        Laplacian(ws.alignedGray, ws.laplacian, CV_64F);
        meanStdDev(ws.laplacian, ws.mean, ws.stddev);
        double sd = ws.stddevIndexer.get(0);
        meanStdDev(ws.alignedGray, ws.mean, ws.stddev);
        return new double[] {sd * sd, ws.meanIndexer.get(0)};
    }

    private static byte[] encodeJpeg(Mat mat) {
        try (BytePointer buf = new BytePointer()) {
            imencode(".jpg", mat, buf);
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }

    private static void cropResize(Mat img, BoundingBox box, Size size, Mat dst) {
        int x = Math.max(0, Math.min(img.cols() - 1, Math.round(box.x1())));
        int y = Math.max(0, Math.min(img.rows() - 1, Math.round(box.y1())));
        int rw = Math.max(1, Math.min(img.cols() - x, Math.round(box.width())));
        int rh = Math.max(1, Math.min(img.rows() - y, Math.round(box.height())));
        try (Rect rect = new Rect(x, y, rw, rh); Mat roi = new Mat(img, rect)) {
            resize(roi, dst, size, 0, 0, INTER_LINEAR);
        }
    }

    private static void toChw(Mat bgr, FloatBuffer out, boolean rgb, float mean, float scale, Workspace ws) {
        toChw(bgr, out, rgb, new float[] {mean, mean, mean}, new float[] {scale, scale, scale}, ws);
    }

    /** 8-bit BGR HWC pixels into a float CHW tensor, as (p - mean[c]) * scale[c] with c in the model's channel order. */
    private static void toChw(Mat bgr, FloatBuffer out, boolean rgb, float[] mean, float[] scale, Workspace ws) {
        int pixels = bgr.cols() * bgr.rows();
        byte[] px = ws.pixels;
        bgr.data().get(px, 0, pixels * 3);
        for (int c = 0; c < 3; c++) {
            int src = rgb ? 2 - c : c;
            int base = c * pixels;
            float m = mean[c], s = scale[c];
            for (int i = 0; i < pixels; i++) out.put(base + i, ((px[i * 3 + src] & 0xFF) - m) * s);
        }
    }

    private static void toGray(Mat gray, FloatBuffer out, float scale, Workspace ws) {
        int pixels = gray.cols() * gray.rows();
        byte[] px = ws.pixels;
        gray.data().get(px, 0, pixels);
        for (int i = 0; i < pixels; i++) out.put(i, (px[i] & 0xFF) * scale);
    }

    static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) max = Math.max(max, v);
        float[] p = new float[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) sum += p[i] = (float) Math.exp(logits[i] - max);
        for (int i = 0; i < p.length; i++) p[i] /= (float) sum;
        return p;
    }

    private static BoundingBox scaleBox(BoundingBox b, float f) {
        return f == 1f ? b : new BoundingBox(b.x1() * f, b.y1() * f, b.x2() * f, b.y2() * f);
    }

    private static Landmarks scaleLandmarks(Landmarks m, float f) {
        if (f == 1f) return m;
        List<Point> pts = new ArrayList<>(Landmarks.COUNT);
        for (Point p : m.points()) pts.add(new Point(p.x() * f, p.y() * f));
        return new Landmarks(pts);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Workspace w : allWorkspaces) w.close();
        for (OnnxModel m : List.of(detector, landmarker, embedder, liveness, eyes, pose)) m.close();
    }

    /** Reusable tensors and scratch images for one analysis at a time. */
    private static final class Workspace implements AutoCloseable {
        /** Pixel bytes of the largest model input (224x224x3 for pose; 320x240x3 for the detector). */
        final byte[] pixels = new byte[DET_W * DET_H * 3];

        final FloatBuffer detect = direct(3 * DET_H * DET_W), landmark = direct(64 * 64), feature = direct(3 * 112 * 112),
                liveness = direct(3 * 128 * 128), eye = direct(24 * 24), pose = direct(3 * 224 * 224);
        final Size detectSize = new Size(DET_W, DET_H), size64 = new Size(64, 64), size112 = new Size(112, 112),
                size128 = new Size(128, 128), size224 = new Size(224, 224), size24 = new Size(24, 24);
        final Mat detectInput = new Mat(), crop64 = new Mat(), gray64 = new Mat(), aligned = new Mat(),
                alignedGray = new Mat(), laplacian = new Mat(), crop128 = new Mat(), crop224 = new Mat(),
                crop24 = new Mat(), gray24 = new Mat(), mean = new Mat(), stddev = new Mat();
        final Mat affine = new Mat(2, 3, CV_64F);
        final DoubleIndexer affineIndexer = affine.createIndexer();
        final Scalar black = new Scalar(0, 0, 0, 0);
        private final DoubleIndexer meanIndexer, stddevIndexer;

        Workspace() {
            // Allocate the 1x1 results of meanStdDev once, so the indexers stay bound to them.
            try (Mat probe = new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_8UC1, black)) {
                meanStdDev(probe, mean, stddev);
            }
            meanIndexer = mean.createIndexer();
            stddevIndexer = stddev.createIndexer();
        }

        private static FloatBuffer direct(int floats) {
            return ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }

        @Override
        public void close() {
            affineIndexer.close();
            meanIndexer.close();
            stddevIndexer.close();
            for (Mat m : List.of(detectInput, crop64, gray64, aligned, alignedGray, laplacian, crop128, crop224, crop24,
                    gray24, mean, stddev, affine)) m.close();
            for (Size s : List.of(detectSize, size64, size112, size128, size224, size24)) s.close();
            black.close();
        }
    }
}
