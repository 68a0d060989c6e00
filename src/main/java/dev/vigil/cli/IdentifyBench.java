package dev.vigil.cli;

import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.Embedding;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.engine.SamplePhotos;
import dev.vigil.recognition.FaceIndex;
import dev.vigil.recognition.Recognizer;
import dev.vigil.recognition.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench identify}: search latency over synthetic galleries (random unit 512-d templates, as far apart as
 * real strangers), and a whole identify request on a real photo (decode, detect, embed, search, decide).
 */
@Command(name = "identify", description = "Benchmark 1:N search and a whole identify request.")
final class IdentifyBench implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = "--sizes", split = ",", defaultValue = "1000,10000,100000,1000000",
            description = "Gallery sizes (default ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--queries", defaultValue = "300", description = "Timed searches per size.")
    int queries;

    @Option(names = "--out", defaultValue = "docs/BENCHMARKS.md")
    Path out;

    @Override
    public Integer call() throws Exception {
        var md = new StringBuilder("## Identify\n\n");
        md.append("Command: `java -Xmx8g -jar target/vigil.jar bench identify`  \n");
        md.append("Machine: ").append(BenchReport.machine()).append("  \n");
        md.append("Galleries are random unit 512-d vectors (one subject per template); queries are random vectors "
                + "with a planted match at cosine 0.6 (a typical genuine pair) and, for the recall column, 0.36 (a genuine "
                + "pair just above the accept threshold 0.35, the hardest case to keep). Search returns the best 5 "
                + "subjects. From " + FaceIndex.PREFILTER_THRESHOLD + " templates on, the index preselects the "
                + FaceIndex.RERANK + " nearest sign codes and scores only those exactly. Heap is the JVM's used heap "
                + "after filling the index.\n\n");
        md.append("| templates | mode | fill s | heap MB | search p50 ms | p95 ms | p99 ms | found at 0.6 | found at 0.36 |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        Random rnd = new Random(42);
        for (int n : sizes) {
            System.gc();
            long heap0 = usedHeap();
            long t0 = System.nanoTime();
            FaceIndex index = new FaceIndex();
            float[] v = new float[512];
            for (int i = 0; i < n; i++) index.add("t" + i, "s" + i, randomUnit(rnd, v));
            double fill = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long heapMb = (usedHeap() - heap0) >> 20;
            Embedding[] probes = new Embedding[queries], hard = new Embedding[queries];
            for (int q = 0; q < queries; q++) {
                Embedding planted = randomUnit(rnd, v);
                index.add("planted" + q, "planted" + q, planted);
                probes[q] = near(planted, 0.6, rnd);
                hard[q] = near(planted, 0.36, rnd);
            }
            for (int q = 0; q < Math.min(queries, 30); q++) index.search(probes[q], 5); // warm-up
            double[] ms = new double[queries];
            int found = 0;
            for (int q = 0; q < queries; q++) {
                long s = System.nanoTime();
                var top = index.search(probes[q], 5);
                ms[q] = (System.nanoTime() - s) / 1e6;
                if (!top.isEmpty() && top.get(0).subjectId().equals("planted" + q)) found++;
            }
            int foundHard = 0;
            for (int q = 0; q < queries; q++) {
                var top = index.search(hard[q], 5);
                if (!top.isEmpty() && top.get(0).subjectId().equals("planted" + q)) foundHard++;
            }
            String mode = n >= FaceIndex.PREFILTER_THRESHOLD ? "sign-code prefilter + exact re-rank" : "exact";
            md.append(String.format("| %,d | %s | %.1f | %d | %.3f | %.3f | %.3f | %d/%d | %d/%d |%n", n, mode, fill, heapMb,
                    BenchReport.percentile(ms, 50), BenchReport.percentile(ms, 95), BenchReport.percentile(ms, 99), found,
                    queries, foundHard, queries));
            System.out.println(md);
        }

        try (FaceEngine fe = engine.open()) {
            var index = new FaceIndex();
            float[] v = new float[512];
            for (int i = 0; i < 10_000; i++) index.add("t" + i, "s" + i, randomUnit(rnd, v));
            var recognizer = new Recognizer(fe, index, id -> Optional.of(id), new Thresholds(0.35f, 0.22f), 5);
            var decoder = new ImageDecoder();
            List<Path> photos = SamplePhotos.ensure();
            byte[] photo = Files.readAllBytes(photos.get(2));
            double[] ms = new double[Math.max(20, queries / 5)];
            for (int i = -5; i < ms.length; i++) {
                long s = System.nanoTime();
                try (DecodedImage img = decoder.decode(photo)) {
                    recognizer.identify(img);
                }
                if (i >= 0) ms[i] = (System.nanoTime() - s) / 1e6;
            }
            md.append(String.format("%nWhole identify request, in process, on sample3.jpg (1920x1350 JPEG, 3 faces; "
                            + "with pose, liveness and eye state), gallery of 10,000: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms "
                            + "(about %.1f ms per face).%n", BenchReport.percentile(ms, 50), BenchReport.percentile(ms, 95),
                    BenchReport.percentile(ms, 99), BenchReport.percentile(ms, 50) / 3));
        }
        BenchReport.writeSection(out, "identify", md.toString());
        System.out.println(md);
        return 0;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    static Embedding randomUnit(Random rnd, float[] scratch) {
        for (int i = 0; i < scratch.length; i++) scratch[i] = (float) rnd.nextGaussian();
        return Embedding.normalised(scratch);
    }

    /** A unit vector at exactly {@code cosine} to {@code base}: base plus a random orthogonal direction. */
    static Embedding near(Embedding base, double cosine, Random rnd) {
        float[] b = base.values(), r = new float[512];
        double along = 0;
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) rnd.nextGaussian();
            along += r[i] * b[i];
        }
        for (int i = 0; i < r.length; i++) r[i] -= (float) (along * b[i]);
        float[] o = Embedding.normalised(r).values(), v = new float[512];
        double w = Math.sqrt(1 - cosine * cosine);
        for (int i = 0; i < v.length; i++) v[i] = (float) (cosine * b[i] + w * o[i]);
        return Embedding.normalised(v);
    }
}
