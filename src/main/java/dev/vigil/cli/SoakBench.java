package dev.vigil.cli;

import dev.vigil.Vigil;
import dev.vigil.config.VigilConfig;
import dev.vigil.http.ProcessMemory;
import dev.vigil.stream.StreamSpec;
import dev.vigil.stream.StreamState;
import dev.vigil.stream.StreamStatus;
import dev.vigil.stream.VideoStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench soak}: a whole Vigil (temp data dir) with N looped file streams for a long time, sampling memory
 * every minute. A leak of a few KB per frame is invisible in a 15 s benchmark and fills a server's RAM in a week.
 */
@Command(name = "soak", description = "Run N looped file streams for a long time and record memory every minute.")
final class SoakBench implements Callable<Integer> {
    private static final String ENROLLED = "Lin-Manuel Miranda";
    /** Samples before this minute are warm-up (JIT, ONNX Runtime arenas, SQLite cache) and left out of the trend. */
    private static final int WARM_UP_MINUTES = 5;
    /** Growth below this share of the resident set per hour is noise, not a leak. */
    private static final double FLAT_SHARE_PER_HOUR = 0.02;

    @Option(names = "--streams", defaultValue = "8", description = "Concurrent streams (default ${DEFAULT-VALUE}).")
    int streamCount;

    @Option(names = "--minutes", defaultValue = "30", description = "Duration (default ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--fps", defaultValue = "5", description = "Target analysis fps per stream (default ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--video", paramLabel = "FILE", defaultValue = "../shared/video/short_hamilton_clip.mp4",
            description = "Clip every stream loops (default ${DEFAULT-VALUE}).")
    Path video;

    @Option(names = "--enrol", paramLabel = "DIR", defaultValue = "../shared/faces/face_recognition_examples/lin_manuel_miranda",
            description = "Photos of the person in the clip, enrolled so decisions and events happen; skipped when absent.")
    Path enrolDir;

    @Option(names = "--out", defaultValue = "docs/RELIABILITY.md", description = "Markdown file to update.")
    Path out;

    private record Sample(int minute, long rss, long heapAfterGc, long javacpp, Optional<Long> nmt, double analysedFps,
                          double droppedPerSecond, long events, long live, String load) {
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(video)) throw new IllegalArgumentException("no video at " + video + "; pass --video FILE");
        String machine = BenchReport.machine();
        Path data = Files.createTempDirectory("vigil-soak-");
        VigilConfig d = VigilConfig.defaults();
        var s = d.server();
        VigilConfig config = d.withServer(new VigilConfig.Server("127.0.0.1", 0, data, s.maxUploadBytes(), s.maxZipBytes(),
                s.maxZipEntries()));
        List<Sample> samples = new ArrayList<>();
        int enrolled;
        try (Vigil vigil = Vigil.start(config)) {
            enrolled = enrol(vigil);
            List<VideoStream> streams = new ArrayList<>();
            for (int i = 0; i < streamCount; i++) {
                streams.add(vigil.streams().add(new StreamSpec(null, "soak-" + i, video.toAbsolutePath().toString(), fps, 1,
                        true, null, true)).local());
            }
            long start = System.nanoTime(), analysed = 0, dropped = 0;
            for (int minute = 0; minute <= minutes; minute++) {
                long due = start + minute * 60_000_000_000L;
                while (System.nanoTime() < due) Thread.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000));
                long analysedNow = 0, droppedNow = 0, live = 0;
                for (VideoStream v : streams) {
                    StreamStatus st = v.status();
                    analysedNow += st.framesAnalysed();
                    droppedNow += st.dropped();
                    if (st.state() == StreamState.LIVE) live++;
                }
                System.gc(); // heap after a full collection: what is still referenced, not what awaits collection
                var sample = new Sample(minute, ProcessMemory.residentBytes(), ProcessMemory.heapUsedBytes(),
                        ProcessMemory.javacppBytes(), ProcessMemory.nmtCommittedBytes(),
                        minute == 0 ? 0 : (analysedNow - analysed) / 60.0, minute == 0 ? 0 : (droppedNow - dropped) / 60.0,
                        vigil.eventOutputs().store().eventCount(), live, BenchReport.loadAverage());
                analysed = analysedNow;
                dropped = droppedNow;
                samples.add(sample);
                System.out.println(row(sample));
            }
        }
        String md = report(machine, enrolled, samples);
        BenchReport.writeSection(out, "soak", md);
        System.out.println(md);
        return 0;
    }

    private int enrol(Vigil vigil) throws Exception {
        if (!Files.isDirectory(enrolDir)) return 0;
        int n = 0;
        try (Stream<Path> files = Files.list(enrolDir)) {
            for (Path p : files.filter(f -> f.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().toList()) {
                vigil.gallery().enrollByName(ENROLLED, true, Files.readAllBytes(p), "largest", "soak");
                n++;
            }
        }
        return n;
    }

    private String report(String machine, int enrolled, List<Sample> samples) {
        var md = new StringBuilder("## Soak: ").append(streamCount).append(" file streams for ").append(minutes).append(" minutes\n\n");
        md.append("Command: `java -XX:NativeMemoryTracking=summary -jar target/vigil.jar bench soak --streams ").append(streamCount)
                .append(" --minutes ").append(minutes).append(" --fps ").append(BenchReport.number(fps)).append("`  \n");
        md.append("Machine: ").append(machine).append("  \n");
        md.append("A whole Vigil (HTTP server, SQLite, event log) with ").append(streamCount).append(" streams looping ")
                .append(video.getFileName()).append(", each analysed at up to ").append(BenchReport.number(fps))
                .append(" fps; ").append(enrolled == 0 ? "nobody enrolled" : ENROLLED + " enrolled from " + enrolled + " photo(s)")
                .append(". Sampled every minute: resident set (VmRSS: everything, ONNX Runtime included), heap after a full "
                        + "GC, native memory JavaCPP holds (frames, Mats), the JVM's committed memory from Native Memory "
                        + "Tracking, frames analysed and dropped per second over the last minute (all streams), events "
                        + "logged so far, and the 1-minute load average.\n\n");
        md.append("| minute | RSS MB | heap after GC MB | JavaCPP MB | NMT committed MB | analysed fps | dropped /s | events | live | load |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Sample s : samples) {
            if (s.minute() % 5 == 0 || s.minute() == minutes) md.append(row(s)).append('\n');
        }
        List<Sample> trend = samples.stream().filter(s -> s.minute() >= WARM_UP_MINUTES).toList();
        if (trend.size() < 3) {
            md.append("\nToo short for a trend: run at least ").append(WARM_UP_MINUTES + 2).append(" minutes.\n");
            return md.toString();
        }
        double rss = perHourMb(trend, Sample::rss), heap = perHourMb(trend, Sample::heapAfterGc),
                javacpp = perHourMb(trend, Sample::javacpp);
        md.append(String.format("%nTrend from minute %d to %d (least squares, per hour): RSS %+.1f MB, heap %+.1f MB, JavaCPP %+.1f MB",
                WARM_UP_MINUTES, minutes, rss, heap, javacpp));
        if (trend.stream().allMatch(s -> s.nmt().isPresent())) {
            md.append(String.format(", NMT committed %+.1f MB", perHourMb(trend, s -> s.nmt().orElseThrow())));
        }
        double rssMb = trend.get(0).rss() / 1048576.0;
        boolean flat = rss < FLAT_SHARE_PER_HOUR * rssMb;
        md.append(String.format(". Verdict: %s (the line is %.1f%% of the resident set per hour; under %.0f%% counts as flat).%n",
                flat ? "flat" : "grows", 100 * rss / rssMb, 100 * FLAT_SHARE_PER_HOUR));
        return md.toString();
    }

    private static String row(Sample s) {
        return String.format("| %d | %.0f | %.0f | %.1f | %s | %.1f | %.1f | %d | %d | %s |", s.minute(), s.rss() / 1048576.0,
                s.heapAfterGc() / 1048576.0, s.javacpp() / 1048576.0, s.nmt().map(b -> String.format("%.0f", b / 1048576.0))
                        .orElse("-"), s.analysedFps(), s.droppedPerSecond(), s.events(), s.live(), s.load());
    }

    /** Slope of a least-squares line through (minute, bytes), in MB per hour. */
    private static double perHourMb(List<Sample> samples, java.util.function.ToLongFunction<Sample> bytes) {
        double n = samples.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Sample s : samples) {
            double x = s.minute(), y = bytes.applyAsLong(s) / 1048576.0;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx) * 60;
    }
}
