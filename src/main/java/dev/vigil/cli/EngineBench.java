package dev.vigil.cli;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.Analysis;
import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.Face;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.engine.SamplePhotos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench engine}: per-stage latency (decode, detect, landmarks, align, embed) and the whole per-face
 * pipeline on real photos, with 1 and 2 ONNX threads and with 2 requests in parallel.
 */
@Command(name = "engine", description = "Benchmark the face engine on real photos.")
final class EngineBench implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = "--runs", defaultValue = "60", description = "Timed runs per photo and setting (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--out", defaultValue = "docs/BENCHMARKS.md", description = "Markdown file to update.")
    Path out;

    private record Photo(String name, byte[] bytes) {
    }

    private record Sample(double decode, double detect, double landmarks, double align, double embed, double pipeline,
                          int faces) {
    }

    @Override
    public Integer call() throws Exception {
        var decoder = new ImageDecoder();
        List<Photo> photos = new ArrayList<>();
        List<Path> samples = SamplePhotos.ensure();
        for (Path p : samples) photos.add(new Photo(p.getFileName().toString(), Files.readAllBytes(p)));
        var md = new StringBuilder();
        md.append("## Face engine\n\n");
        md.append("Command: `java -jar target/vigil.jar bench engine --runs ").append(runs).append("`  \n");
        md.append("Machine: ").append(BenchReport.machine()).append("  \n");
        md.append("Photos: a 640x480 JPEG cut around one face of sample1.jpg, and the six 1920 px group photos of "
                + "npm `@vladmandic/face-api@1.7.15` (22 faces). Times are milliseconds per image (per-face stages "
                + "summed over its faces); the pipeline is detect + landmarks + align + embed, without decode. "
                + "Liveness, pose and eyes are not included; they add about 5 ms per face.\n\n");

        Photo oneFace;
        try (FaceEngine fe = engine.open()) {
            oneFace = new Photo("one face 640x480", oneFaceCrop(fe, decoder, photos.get(0).bytes()));
        }
        md.append("| setting | photo | faces | decode p50 | detect p50 | landmarks p50 | align p50 | embed p50 | pipeline p50 | pipeline p95 | faces/s |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int threads : new int[] {1, 2}) {
            engine.threads = threads;
            try (FaceEngine fe = engine.open()) {
                String setting = threads + " ORT thread" + (threads > 1 ? "s" : "") + ", 1 request at a time";
                row(md, setting, oneFace, measure(fe, decoder, oneFace, runs));
                List<Sample> group = new ArrayList<>();
                for (Photo p : photos) group.addAll(measure(fe, decoder, p, Math.max(5, runs / 4)));
                row(md, setting, new Photo("6 group photos", null), group);
            }
        }
        engine.threads = 1;
        try (FaceEngine fe = engine.open()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                measure(fe, decoder, oneFace, 10);
                long t0 = System.nanoTime();
                List<Future<List<Sample>>> futures = new ArrayList<>();
                for (int i = 0; i < 2; i++) futures.add(pool.submit(() -> measure(fe, decoder, oneFace, runs)));
                List<Sample> all = new ArrayList<>();
                for (var f : futures) all.addAll(f.get());
                double seconds = (System.nanoTime() - t0) / 1e9;
                String setting = "1 ORT thread, 2 requests in parallel";
                row(md, setting, oneFace, all);
                md.append("\nWith 2 requests in parallel the machine embeds ")
                        .append(String.format("%.0f", all.size() / seconds))
                        .append(" one-face photos per second (decode included).\n");
            } finally {
                pool.shutdown();
            }
        }
        md.append("\nTarget: detect + landmarks + align + embed under 8 ms for the one-face 640x480 photo on one core.\n");
        BenchReport.writeSection(out, "engine", md.toString());
        System.out.println(md);
        return 0;
    }

    private static void row(StringBuilder md, String setting, Photo photo, List<Sample> s) {
        double[] pipeline = s.stream().mapToDouble(Sample::pipeline).toArray();
        double facesPerSecond = s.stream().mapToInt(Sample::faces).sum() * 1000.0 / s.stream().mapToDouble(x -> x.decode() + x.pipeline()).sum();
        md.append(String.format("| %s | %s | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f |%n", setting,
                photo.name(), s.stream().mapToInt(Sample::faces).average().orElse(0),
                p50(s, Sample::decode), p50(s, Sample::detect), p50(s, Sample::landmarks), p50(s, Sample::align),
                p50(s, Sample::embed), BenchReport.percentile(pipeline, 50), BenchReport.percentile(pipeline, 95),
                facesPerSecond));
    }

    private static double p50(List<Sample> s, java.util.function.ToDoubleFunction<Sample> f) {
        return BenchReport.percentile(s.stream().mapToDouble(f).toArray(), 50);
    }

    private static List<Sample> measure(FaceEngine fe, ImageDecoder decoder, Photo photo, int runs) {
        List<Sample> samples = new ArrayList<>();
        for (int i = -Math.min(10, runs); i < runs; i++) { // the first runs warm up the JIT and ORT
            long t0 = System.nanoTime();
            try (DecodedImage img = decoder.decode(photo.bytes())) {
                double decode = (System.nanoTime() - t0) / 1e6;
                Analysis a = fe.analyze(img, AnalyzeOptions.EMBED);
                var t = a.times();
                if (i >= 0) {
                    samples.add(new Sample(decode, t.detect(), t.landmarks(), t.align(), t.embed(), t.total(),
                            a.faces().size()));
                }
            }
        }
        return samples;
    }

    /** A 640x480 JPEG around the largest face of a photo, so the one-face number is measured on a real face. */
    private static byte[] oneFaceCrop(FaceEngine fe, ImageDecoder decoder, byte[] photo) {
        try (DecodedImage img = decoder.decode(photo)) {
            List<Face> faces = new ArrayList<>(fe.analyze(img, AnalyzeOptions.DETECT_ONLY).faces());
            faces.sort(Comparator.comparingDouble((Face f) -> f.box().area()).reversed());
            for (Face f : faces) {
                float s = img.scale();
                int x = Math.max(0, Math.min(img.width() - 640, Math.round(f.box().centerX() * s) - 320));
                int y = Math.max(0, Math.min(img.height() - 480, Math.round(f.box().centerY() * s) - 240));
                try (Rect r = new Rect(x, y, 640, 480); Mat crop = new Mat(img.mat(), r); BytePointer buf = new BytePointer()) {
                    imencode(".jpg", crop, buf);
                    byte[] jpeg = new byte[(int) buf.limit()];
                    buf.get(jpeg);
                    try (DecodedImage check = decoder.decode(jpeg)) {
                        if (fe.analyze(check, AnalyzeOptions.DETECT_ONLY).faces().size() == 1) return jpeg;
                    }
                }
            }
        }
        throw new IllegalStateException("no 640x480 window with exactly one face in the sample photo");
    }
}
