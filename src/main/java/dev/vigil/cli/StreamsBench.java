package dev.vigil.cli;

import dev.vigil.config.VigilConfig;
import dev.vigil.engine.FaceEngine;
import dev.vigil.http.ProcessMemory;
import dev.vigil.recognition.FaceIndex;
import dev.vigil.recognition.Recognizer;
import dev.vigil.recognition.Thresholds;
import dev.vigil.store.SqliteStore;
import dev.vigil.stream.LocalClassifier;
import dev.vigil.stream.StreamLeases;
import dev.vigil.stream.StreamManager;
import dev.vigil.stream.StreamSpec;
import dev.vigil.stream.StreamStatus;
import dev.vigil.stream.VideoStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench streams}: N concurrent 720p 25 fps file streams (looped), each analysed at a target fps by the
 * real pipeline (decode, detect, embed, track, vote); measures achieved fps, drops, grab-to-decision latency, CPU and
 * memory per stream.
 */
@Command(name = "streams", description = "Benchmark N concurrent 720p streams through the live pipeline.")
final class StreamsBench implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = "--video", paramLabel = "FILE", description = "Source clip (default ../shared/video/short_hamilton_clip.mp4); re-encoded to 720p 25 fps.")
    Path video;

    @Option(names = "--streams", split = ",", defaultValue = "1,2,4,8,16", description = "Stream counts to run (default ${DEFAULT-VALUE}).")
    List<Integer> counts;

    @Option(names = "--fps", defaultValue = "5", description = "Target analysis fps per stream (default ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--seconds", defaultValue = "15", description = "Measured seconds per stream count, after 5 s of warm-up.")
    int seconds;

    @Option(names = "--out", defaultValue = "docs/BENCHMARKS.md", description = "Markdown file to update.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path clip = make720p();
        var md = new StringBuilder("## Live streams\n\n");
        md.append("Command: `java -jar target/vigil.jar bench streams --fps ").append(BenchReport.number(fps)).append(" --seconds ").append(seconds).append("`  \n");
        md.append("Machine: ").append(BenchReport.machine()).append("  \n");
        md.append("Each stream reads the same 1280x720 25 fps H.264 clip (short_hamilton_clip.mp4 upscaled, looped) at its own "
                + "frame rate, and is analysed at up to ").append(BenchReport.number(fps)).append(" fps by the shared pool (")
                .append(Runtime.getRuntime().availableProcessors()).append(" threads): detect, landmarks, align, embed every face, "
                + "track, identify against an empty gallery, vote. No viewer is attached, so no JPEG is encoded. Latency is frame "
                + "grabbed → decisions made. CPU is the process's CPU time over wall time (100% = one core); memory is the "
                + "growth of the resident set over the engine alone, per stream.\n\n");
        md.append("| streams | analysed fps per stream (min / mean) | dropped per stream per s | latency p50 ms | latency p95 ms | CPU per stream | RSS per stream MB | load average |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        var settings = VigilConfig.defaults().streams();
        Path data = Files.createTempDirectory("vigil-bench-streams-");
        try (FaceEngine fe = engine.open(); SqliteStore store = SqliteStore.open(data.resolve("bench.db"))) {
            var rec = VigilConfig.defaults().recognition();
            var index = new FaceIndex();
            var recognizer = new Recognizer(fe, index, id -> Optional.empty(), new Thresholds(rec.accept(), rec.rejectFloor()), rec.candidates());
            // Learning as shipped (off): the benchmark measures the plain pipeline.
            var gallery = new dev.vigil.gallery.Gallery(store, index, fe, new dev.vigil.engine.ImageDecoder(), 0f);
            var learner = new dev.vigil.learning.Learner(VigilConfig.defaults().learning(), gallery, store.database(), e -> { }, rec.accept());
            for (int n : counts) {
                System.gc();
                long rssBefore = ProcessMemory.residentBytes();
                try (StreamManager manager = new StreamManager(store, settings, fe, e -> { }, StreamLeases.ALL,
                        LocalClassifier.factory(recognizer, e -> { }, settings, learner))) {
                    List<VideoStream> streams = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        streams.add(manager.add(new StreamSpec(null, "bench-" + n + "-" + i, clip.toString(), fps, 1, true, null, true)).local());
                    }
                    Thread.sleep(5000);
                    streams.forEach(VideoStream::resetLatency);
                    long[] analysed0 = new long[n], dropped0 = new long[n];
                    for (int i = 0; i < n; i++) {
                        StreamStatus s = streams.get(i).status();
                        analysed0[i] = s.framesAnalysed();
                        dropped0[i] = s.dropped();
                    }
                    long cpu0 = cpuNanos(), t0 = System.nanoTime();
                    Thread.sleep(seconds * 1000L);
                    double wall = (System.nanoTime() - t0) / 1e9;
                    double cpu = (cpuNanos() - cpu0) / 1e9 / wall;
                    long rss = ProcessMemory.residentBytes() - rssBefore;
                    double minFps = Double.MAX_VALUE, sumFps = 0, drops = 0, p50 = 0, p95 = 0;
                    for (int i = 0; i < n; i++) {
                        StreamStatus s = streams.get(i).status();
                        double f = (s.framesAnalysed() - analysed0[i]) / wall;
                        minFps = Math.min(minFps, f);
                        sumFps += f;
                        drops += (s.dropped() - dropped0[i]) / wall;
                        p50 = Math.max(p50, s.latencyP50Ms());
                        p95 = Math.max(p95, s.latencyP95Ms());
                    }
                    md.append(String.format("| %d | %.1f / %.1f | %.2f | %.0f | %.0f | %.0f%% | %.0f | %s |%n", n, minFps, sumFps / n,
                            drops / n, p50, p95, cpu * 100 / n, rss / (1024.0 * 1024) / n, BenchReport.loadAverage()));
                    for (VideoStream s : streams) manager.remove(s.spec().id());
                }
            }
        }
        md.append("\nLatency columns are the worst stream's p50 and p95. Target: 8 streams at ≥ 5 fps each with p95 under 300 ms.\n");
        BenchReport.writeSection(out, "streams", md.toString());
        System.out.println(md);
        return 0;
    }

    private Path make720p() throws IOException, InterruptedException {
        Path src = video != null ? video : Path.of("../shared/video/short_hamilton_clip.mp4");
        if (!Files.isRegularFile(src)) throw new IllegalArgumentException("no video at " + src + "; pass --video FILE");
        Path dst = Files.createTempDirectory("vigil-bench-").resolve("clip720p25.mp4");
        String ffmpeg = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        var pb = new ProcessBuilder(ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-i", src.toString(), "-an",
                "-vf", "scale=1280:720,fps=25", "-c:v", "libopenh264", "-b:v", "3M", "-g", "50", dst.toString());
        pb.environment().put("LD_LIBRARY_PATH", Path.of(ffmpeg).getParent().toString());
        Process p = pb.redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException("ffmpeg could not make the 720p clip: " + log);
        return dst;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
