package dev.vigil.cli;

import dev.vigil.engine.SamplePhotos;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench load}: closed-loop clients posting a real photo to {@code /api/v1/identify} of a running server;
 * throughput, latency, errors by status, and the server's memory (from its {@code /metrics}) before and after.
 */
@Command(name = "load", description = "Load a running server's identify endpoint with a real photo.")
final class LoadBench implements Callable<Integer> {
    private static final String BOUNDARY = "vigil-load-boundary";
    private static final List<String> MEMORY_GAUGES = List.of("vigil_process_resident_bytes", "vigil_jvm_heap_used_bytes",
            "vigil_native_bytes");
    private static final String GALLERY_GAUGE = "vigil_gallery_templates";

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Server (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--seconds", defaultValue = "60", description = "Measured seconds, after 10 s of warm-up (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--clients", defaultValue = "4", description = "Concurrent clients, each one request at a time (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--image", paramLabel = "FILE", description = "Photo to identify (default the npm sample1.jpg).")
    Path image;

    @Option(names = "--key", description = "API key, sent as X-API-Key (or $VIGIL_API_KEY).")
    String key;

    @Option(names = "--out", defaultValue = "docs/RELIABILITY.md", description = "Markdown file to update.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path photo = image != null ? image : SamplePhotos.ensure().get(0);
        byte[] body = multipart(Files.readAllBytes(photo), photo.getFileName().toString());
        String apiKey = key != null ? key : System.getenv("VIGIL_API_KEY");
        String machine = BenchReport.machine();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder identify = HttpRequest.newBuilder(url.resolve("/api/v1/identify")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null && !apiKey.isBlank()) identify.header("X-API-Key", apiKey);
        HttpRequest request = identify.build();

        run(http, request, 10, new Tally()); // warm-up: JIT and ONNX Runtime arenas, so "before" is a warm server
        Map<String, Long> before = memory(http, apiKey);
        Tally tally = new Tally();
        long t0 = System.nanoTime();
        run(http, request, seconds, tally);
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> after = memory(http, apiKey);

        double[] ms = tally.latenciesMs();
        var md = new StringBuilder("## Load: identify for ").append(seconds).append(" s\n\n");
        md.append("Command: `java -jar target/vigil.jar bench load --url ").append(url).append(" --seconds ").append(seconds)
                .append(" --clients ").append(clients).append("` against a running `vigil serve` with ")
                .append(before.getOrDefault(GALLERY_GAUGE, 0L)).append(" templates in its gallery  \n");
        md.append("Machine: ").append(machine).append("  \n");
        md.append(clients).append(" clients, each posting ").append(photo.getFileName()).append(" (")
                .append(body.length / 1024).append(" KB) to `POST /api/v1/identify` and waiting for the answer before the "
                        + "next, for ").append(seconds).append(" s after 10 s of warm-up. The load client runs on the same "
                        + "machine as the server. Memory is read from the server's `/metrics` before and after the measured "
                        + "run.\n\n");
        md.append("| requests | requests/s | p50 ms | p95 ms | p99 ms | max ms | responses by status | failed connections |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        md.append(String.format("| %d | %.2f | %.0f | %.0f | %.0f | %.0f | %s | %d |%n", ms.length, ms.length / wall,
                BenchReport.percentile(ms, 50), BenchReport.percentile(ms, 95), BenchReport.percentile(ms, 99),
                BenchReport.percentile(ms, 100), tally.byStatus(), tally.failures.sum()));
        md.append("\n| server memory | before MB | after MB |\n|---|---|---|\n");
        for (String gauge : MEMORY_GAUGES) {
            md.append(String.format("| `%s` | %s | %s |%n", gauge, mb(before.get(gauge)), mb(after.get(gauge))));
        }
        md.append("\nLoad average (1 min) at the end: ").append(BenchReport.loadAverage()).append(".\n");
        BenchReport.writeSection(out, "load", md.toString());
        System.out.println(md);
        return 0;
    }

    /** What every client saw: latencies of answered requests, statuses, and requests that got no answer at all. */
    private static final class Tally {
        final List<Double> latencies = new ArrayList<>();
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final LongAdder failures = new LongAdder();

        synchronized void answered(int status, double ms) {
            latencies.add(ms);
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        }

        synchronized double[] latenciesMs() {
            return latencies.stream().mapToDouble(Double::doubleValue).toArray();
        }

        String byStatus() {
            var sorted = new TreeMap<Integer, Long>();
            statuses.forEach((s, n) -> sorted.put(s, n.sum()));
            return sorted.isEmpty() ? "none" : String.join(", ", sorted.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
        }
    }

    private void run(HttpClient http, HttpRequest request, int forSeconds, Tally tally) throws InterruptedException {
        long end = System.nanoTime() + forSeconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().name("load-" + i).start(() -> {
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        tally.answered(r.statusCode(), (System.nanoTime() - s) / 1e6);
                    } catch (java.io.IOException e) {
                        tally.failures.increment();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
    }

    /** The server's memory gauges and gallery size; values it does not expose are missing from the map. */
    private Map<String, Long> memory(HttpClient http, String apiKey) throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder(url.resolve("/metrics")).timeout(Duration.ofSeconds(10));
        if (apiKey != null && !apiKey.isBlank()) get.header("X-API-Key", apiKey);
        String text = http.send(get.build(), HttpResponse.BodyHandlers.ofString()).body();
        var values = new TreeMap<String, Long>();
        for (String line : text.split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 2 && (MEMORY_GAUGES.contains(parts[0]) || parts[0].equals(GALLERY_GAUGE))) {
                values.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return values;
    }

    private static String mb(Long bytes) {
        return bytes == null ? "not exposed" : String.format("%.1f", bytes / 1048576.0);
    }

    private static byte[] multipart(byte[] image, String filename) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + filename
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(image);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
