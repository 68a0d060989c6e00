package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Vigil;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.Embedding;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.node.EdgeNode;
import dev.vigil.node.Observation;
import dev.vigil.node.ObservationJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench nodes}: how many node observations one central server classifies per second (over HTTP, through
 * the fair queue, against a synthetic gallery), and how many bytes a real node sends per track of a real clip.
 */
@Command(name = "nodes", description = "Benchmark central classification of node embeddings and bytes sent per track.")
final class NodesBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--video", paramLabel = "FILE", description = "Clip the node reads (default ../shared/video/short_hamilton_clip.mp4).")
    Path video;

    @Option(names = "--templates", defaultValue = "10000", description = "Synthetic gallery size (default ${DEFAULT-VALUE}).")
    int templates;

    @Option(names = "--observations", defaultValue = "20000", description = "Observations posted (default ${DEFAULT-VALUE}).")
    int observations;

    @Option(names = "--out", defaultValue = "docs/BENCHMARKS.md")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path clip = video != null ? video : Path.of("../shared/video/short_hamilton_clip.mp4");
        if (!Files.isRegularFile(clip)) throw new IllegalArgumentException("no clip at " + clip + "; pass --video FILE");
        var d = VigilConfig.defaults();
        var s = d.server();
        var n = d.nodes();
        VigilConfig cfg = d.withServer(new VigilConfig.Server("127.0.0.1", 0, Files.createTempDirectory("vigil-bench-nodes-"),
                        s.maxUploadBytes(), s.maxZipBytes(), s.maxZipEntries()))
                .withNodes(new VigilConfig.Nodes(observations, n.classifyThreads(), n.inactiveSeconds(), 1, n.bufferMaxItems(),
                        n.batchSize(), n.resendMinQualityGain(), n.resendMaxSimilarity(), "", n.natsStream(), n.natsSubject(),
                        n.natsAckWaitSeconds(), n.natsMaxPerNode()));
        String machine = BenchReport.machine();
        try (Vigil vigil = Vigil.start(cfg)) {
            String base = "http://127.0.0.1:" + vigil.port();
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            double bytesPerTrack = bytesPerTrack(vigil, cfg, base, http, clip);
            double perSecond = classificationRate(vigil, base, http);
            var md = new StringBuilder("## Edge nodes\n\n");
            md.append("Command: `java -jar target/vigil.jar bench nodes --templates ").append(templates).append(" --observations ")
                    .append(observations).append("`  \n");
            md.append("Machine: ").append(machine).append("  \n");
            md.append("Classification: observations (each a new track) posted in batches of 100 over HTTP to one server, "
                    + "queued fairly, identified against ").append(templates).append(" random 512-d templates and "
                    + "published as events, with ").append(n.classifyThreads()).append(" classify thread(s). Bytes: a real "
                    + "`vigil node` in the same process reads ").append(clip.getFileName()).append(" at 5 fps and sends its "
                    + "tracks to the server; bytes are the JSON bodies of its ingest requests.\n\n");
            md.append("| measure | value |\n|---|---|\n");
            md.append(String.format("| observations classified per second, one server | %.0f |%n", perSecond));
            md.append(String.format("| bytes sent per track by a node | %.0f |%n", bytesPerTrack));
            BenchReport.writeSection(out, "nodes", md.toString());
            System.out.print(md);
        }
        return 0;
    }

    private double bytesPerTrack(Vigil vigil, VigilConfig cfg, String base, HttpClient http, Path clip) throws Exception {
        Set<Long> tracks = ConcurrentHashMap.newKeySet();
        vigil.events().subscribe(e -> {
            if ("bench-node/clip".equals(e.stream())) tracks.add(e.trackId());
        });
        String token = token(http, base, "bench-node");
        var nodeCfg = cfg.withServer(new VigilConfig.Server("127.0.0.1", 0, Files.createTempDirectory("vigil-bench-node-"),
                cfg.server().maxUploadBytes(), cfg.server().maxZipBytes(), cfg.server().maxZipEntries()));
        try (EdgeNode node = EdgeNode.start(nodeCfg, base, token,
                List.of(new VigilConfig.Source("clip", clip.toString(), 5.0, null, false, null, true)))) {
            JsonNode health;
            do {
                Thread.sleep(1000);
                health = node(http, base, "bench-node").path("health");
            } while (!(health.path("streams").path(0).path("state").asText().equals("ended") && health.path("queue_depth").asInt(1) == 0));
            Thread.sleep(2000); // the last heartbeat after the last delivery
            health = node(http, base, "bench-node").path("health");
            return tracks.isEmpty() ? Double.NaN : health.path("sent_bytes").asDouble() / tracks.size();
        }
    }

    private double classificationRate(Vigil vigil, String base, HttpClient http) throws Exception {
        Random rnd = new Random(42);
        for (int i = 0; i < templates; i++) vigil.gallery().index().add("t" + i, "s" + i, randomUnit(rnd));
        AtomicLong decided = new AtomicLong();
        vigil.events().subscribe(e -> {
            if (e.stream() != null && e.stream().startsWith("bench-load/")) decided.incrementAndGet();
        });
        String token = token(http, base, "bench-load");
        List<String> bodies = new ArrayList<>();
        for (int start = 0; start < observations; start += 100) {
            var sb = new StringBuilder("{\"observations\":[");
            for (int i = start; i < Math.min(observations, start + 100); i++) {
                if (i > start) sb.append(',');
                var o = new Observation(null, "s", i, randomUnit(rnd), new BoundingBox(0, 0, 100, 100), 0.8f, Float.NaN, null,
                        Instant.now(), Instant.now());
                sb.append(new String(ObservationJson.write(o), StandardCharsets.UTF_8));
            }
            bodies.add(sb.append("]}").toString());
        }
        long shed = 0;
        long t0 = System.nanoTime();
        for (String body : bodies) {
            var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/nodes/ingest")).header("X-Node-Token", token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) throw new IllegalStateException("ingest gave " + r.statusCode() + ": " + r.body());
            shed += JSON.readTree(r.body()).get("shed").asLong();
        }
        while (decided.get() < observations - shed) Thread.sleep(5);
        return (observations - shed) / ((System.nanoTime() - t0) / 1e9);
    }

    private static String token(HttpClient http, String base, String name) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/nodes/tokens"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("token").asText();
    }

    private static JsonNode node(HttpClient http, String base, String name) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/nodes")).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode node : JSON.readTree(r.body()).get("nodes")) if (node.get("name").asText().equals(name)) return node;
        throw new IllegalStateException(name + " is not listed");
    }

    private static Embedding randomUnit(Random rnd) {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        return Embedding.normalised(v);
    }
}
