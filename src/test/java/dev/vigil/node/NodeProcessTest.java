package dev.vigil.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.config.VigilConfig;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import dev.vigil.recognition.Decision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real server and a real {@code vigil node} process on localhost, the node reading the Hamilton clip with
 * Lin-Manuel Miranda enrolled on the server, every byte it sends recorded by a relay between them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeProcessTest {
    static TestServer server;
    static RecordingProxy proxy;
    static Process node;
    static Path nodeLog;
    static final List<RecognitionEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path clip = TestFaces.shared().resolve("video/short_hamilton_clip.mp4");
        assumeTrue(Files.isRegularFile(clip), "skipped: no video at " + clip);
        try {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
        } catch (UnsatisfiedLinkError e) {
            assumeTrue(false, "skipped: FFmpeg natives do not load (" + e.getMessage() + "); on Debian: apt-get install libpulse0");
        }
        var d = TestServer.config(TestServer.newDataDirectory());
        var n = d.nodes();
        server = TestServer.start(d.withNodes(new VigilConfig.Nodes(n.queuePerNode(), 1, 3, 1, n.bufferMaxItems(), n.batchSize(),
                n.resendMinQualityGain(), n.resendMaxSimilarity(), "", n.natsStream(), n.natsSubject(), 30, 100)));
        server.vigil.events().subscribe(events::add);
        Path lin = TestFaces.sharedFaces().resolve("face_recognition_examples/lin_manuel_miranda/lin-manuel-miranda.png");
        assertThat(server.http.post("/api/v1/enroll", Http.form().text("name", "Lin-Manuel Miranda").text("create", "true")
                .file("image", "lin.png", TestFaces.bytes(lin))).status()).isEqualTo(201);
        var created = server.http.postJson("/api/v1/nodes/tokens", "{\"name\":\"door-pi\"}");
        assertThat(created.status()).isEqualTo(201);
        proxy = new RecordingProxy(server.vigil.port());
        nodeLog = Files.createTempFile("vigil-node-", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        var pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), "dev.vigil.cli.Main", "node",
                "--server", "http://127.0.0.1:" + proxy.port(), "--stream", "hamilton=" + clip, "--fps", "5",
                "--data", Files.createTempDirectory("vigil-node-data-").toString());
        pb.environment().put("VIGIL_NODE_TOKEN", created.json().get("token").asText());
        pb.environment().put("VIGIL_NODES_HEARTBEAT_SECONDS", "1");
        pb.redirectErrorStream(true).redirectOutput(nodeLog.toFile());
        node = pb.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        if (proxy != null) proxy.close();
        if (server != null) server.close();
    }

    @Test
    @Order(1)
    void theCentralLogShowsThePassTaggedWithTheNode() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && events.stream().noneMatch(e -> e.decision() == Decision.PASS) && node.isAlive()) {
            Thread.sleep(250);
        }
        assertThat(node.isAlive()).as("node process alive; its log: %s", log()).isTrue();
        List<RecognitionEvent> passes = events.stream().filter(e -> e.decision() == Decision.PASS).toList();
        assertThat(passes).as("a PASS from the node among %s; its log: %s", events, log()).isNotEmpty();
        RecognitionEvent pass = passes.get(0);
        assertThat(pass.source()).isEqualTo("node");
        assertThat(pass.stream()).isEqualTo("door-pi/hamilton");
        assertThat(pass.subjectName()).isEqualTo("Lin-Manuel Miranda");
        assertThat(pass.snapshot()).as("no picture reaches the centre").isNull();
        // The same decision is in the event log, found by the node-tagged stream name.
        Thread.sleep(500);
        JsonNode logged = server.http.get("/api/v1/events?stream=door-pi/hamilton").json();
        assertThat(logged.toString()).contains(pass.id()).contains("\"source\":\"node\"");
    }

    @Test
    @Order(2)
    void theNodeSendsNoImageAndAFewKilobytesPerTrack() throws Exception {
        // Let the rest of the clip go through.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !streamEnded()) Thread.sleep(500);
        byte[] wire = proxy.sent();
        assertThat(wire.length).isGreaterThan(1000);
        assertThat(indexOf(wire, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})).as("JPEG signature").isEqualTo(-1);
        assertThat(indexOf(wire, new byte[] {(byte) 0x89, 'P', 'N', 'G'})).as("PNG signature").isEqualTo(-1);
        int binary = 0, longestBinaryRun = 0;
        for (byte b : wire) {
            boolean text = (b >= 0x20 && b < 0x7F) || b == '\r' || b == '\n' || b == '\t';
            binary = text ? 0 : binary + 1;
            longestBinaryRun = Math.max(longestBinaryRun, binary);
        }
        assertThat(longestBinaryRun).as("every byte sent is HTTP/1.1 text and JSON: no raw frame").isZero();

        Map<Long, Integer> bytesPerTrack = new HashMap<>();
        List<Integer> sizes = new ArrayList<>();
        byte[] marker = "{\"observations\":[".getBytes(StandardCharsets.US_ASCII);
        for (int at = indexOf(wire, marker, 0); at >= 0; at = indexOf(wire, marker, at + 1)) {
            try (JsonParser p = Http.JSON.getFactory().createParser(wire, at, wire.length - at)) {
                for (JsonNode o : Http.JSON.<JsonNode>readTree(p).get("observations")) {
                    int size = Http.JSON.writeValueAsBytes(o).length;
                    sizes.add(size);
                    bytesPerTrack.merge(o.get("track_id").asLong(), size, Integer::sum);
                    assertThat(o.has("image") || o.has("snapshot") || o.has("crop")).isFalse();
                }
            }
        }
        assertThat(sizes).as("observations on the wire").isNotEmpty();
        assertThat(sizes).allMatch(s -> s < 2048);
        assertThat(bytesPerTrack.values()).as("bytes sent per track, resends included").allMatch(b -> b < 8 * 1024);
        System.out.printf("node sent %d observations for %d tracks; %.0f bytes per track on average, %d bytes on the wire%n",
                sizes.size(), bytesPerTrack.size(), bytesPerTrack.values().stream().mapToInt(i -> i).average().orElse(0), wire.length);
    }

    @Test
    @Order(3)
    void theHeartbeatShowsTheNodeActiveThenInactiveOnceKilled() throws Exception {
        JsonNode n = nodeEntry();
        assertThat(n.get("active").asBoolean()).as("active while running: %s", n).isTrue();
        assertThat(n.get("health").get("version").asText()).isNotBlank();
        assertThat(n.get("health").get("streams").get(0).get("name").asText()).isEqualTo("hamilton");
        assertThat(n.get("health").has("queue_depth")).isTrue();
        assertThat(n.get("received").asLong()).isPositive();
        node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && nodeEntry().get("active").asBoolean()) Thread.sleep(250);
        assertThat(nodeEntry().get("active").asBoolean()).as("inactive after the kill").isFalse();
    }

    private static boolean streamEnded() {
        JsonNode h = nodeEntry().get("health");
        return h != null && !h.isNull() && h.get("streams").get(0).get("state").asText().equals("ended") && h.get("queue_depth").asInt() == 0;
    }

    private static JsonNode nodeEntry() {
        for (JsonNode n : server.http.get("/api/v1/nodes").json().get("nodes")) if (n.get("name").asText().equals("door-pi")) return n;
        throw new AssertionError("door-pi is not listed");
    }

    private static String log() {
        try {
            String s = Files.readString(nodeLog);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, needle, 0);
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
