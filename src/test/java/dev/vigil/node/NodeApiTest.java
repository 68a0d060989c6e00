package dev.vigil.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.Face;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import dev.vigil.recognition.Decision;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The node endpoints over real HTTP: tokens, what a bad token gets, and observations turning into node events. */
class NodeApiTest {
    static TestServer server;
    static Http http;
    static final List<RecognitionEvent> events = new CopyOnWriteArrayList<>();
    static Face sample;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = server.http;
        server.vigil.events().subscribe(events::add);
        var photo = TestFaces.sharedFaces().resolve("face_recognition_examples/lin_manuel_miranda/lin-manuel-miranda.png");
        var enrolled = http.post("/api/v1/enroll", Http.form().text("name", "sample one").text("create", "true")
                .file("image", "lin.png", TestFaces.bytes(photo)));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        sample = TestFaces.analyze(photo, AnalyzeOptions.FULL).faces().get(0);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static String batch(String stream, long trackId) {
        var o = new Observation(null, stream, trackId, sample.embedding(), sample.box(), sample.quality().score(),
                sample.liveness(), sample.eyes(), Instant.now(), Instant.now());
        return "{\"observations\":[" + new String(ObservationJson.write(o), StandardCharsets.UTF_8) + "]}";
    }

    static String token(String node) {
        var r = http.postJson("/api/v1/nodes/tokens", "{\"name\":\"" + node + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("name").asText()).isEqualTo(node);
        return r.json().get("token").asText();
    }

    @Test
    void anEnrolledFaceFromANodeIsAPassTaggedWithTheNodeAndItsStream() throws Exception {
        Http node = http.with("X-Node-Token", token("gate"));
        var r = node.postJson("/api/v1/nodes/ingest", batch("front", 1));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        RecognitionEvent e = awaitEvent("gate/front");
        assertThat(e.decision()).isEqualTo(Decision.PASS);
        assertThat(e.subjectName()).isEqualTo("sample one");
        assertThat(e.source()).isEqualTo("node");
        assertThat(e.trackId()).isEqualTo(1);
        // The same track again with the same face: the decision did not change, so nothing new is published.
        node.postJson("/api/v1/nodes/ingest", batch("front", 1));
        Thread.sleep(500);
        assertThat(events.stream().filter(x -> "gate/front".equals(x.stream()))).hasSize(1);
    }

    @Test
    void unknownAndRevokedTokensGet401AndNothingIsQueued() throws Exception {
        String t = token("shed");
        assertThat(http.with("X-Node-Token", "vgn_not-a-token").postJson("/api/v1/nodes/ingest", batch("x", 1)).status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/nodes/ingest", batch("x", 1)).json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(http.request("DELETE", "/api/v1/nodes/tokens/shed").status()).isEqualTo(200);
        var revoked = http.with("X-Node-Token", t).postJson("/api/v1/nodes/ingest", batch("x", 2));
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(http.with("X-Node-Token", t).postJson("/api/v1/nodes/heartbeat", "{}").status()).isEqualTo(401);
        Thread.sleep(300);
        assertThat(events).noneMatch(e -> e.stream() != null && e.stream().startsWith("shed/"));
        assertThat(http.request("DELETE", "/api/v1/nodes/tokens/shed").status()).isEqualTo(404);
        // A node token opens the node endpoints only.
        String other = token("narrow");
        assertThat(http.with("X-Node-Token", other).get("/api/v1/nodes").status()).isEqualTo(200); // no API keys here: open
        assertThat(http.with("X-Node-Token", other).postJson("/api/v1/nodes/tokens", "{\"name\":\"x\"}").status()).isEqualTo(201);
    }

    @Test
    void aHeartbeatListsTheNodeActiveWithItsHealth() {
        Http node = http.with("X-Node-Token", token("hall"));
        var r = node.postJson("/api/v1/nodes/heartbeat", "{\"version\":\"0.1.0\",\"streams\":[],\"queue_depth\":3,\"cpu\":0.25}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("node").asText()).isEqualTo("hall");
        JsonNode hall = null;
        for (JsonNode n : http.get("/api/v1/nodes").json().get("nodes")) if (n.get("name").asText().equals("hall")) hall = n;
        assertThat(hall).isNotNull();
        assertThat(hall.get("active").asBoolean()).isTrue();
        assertThat(hall.get("health").get("queue_depth").asInt()).isEqualTo(3);
        assertThat(hall.get("last_seen").asText()).isNotBlank();
    }

    @Test
    void badBatchesAndNamesAreJsonErrors() {
        Http node = http.with("X-Node-Token", token("bad"));
        var noList = node.postJson("/api/v1/nodes/ingest", "{}");
        assertThat(noList.status()).isEqualTo(400);
        assertThat(noList.json().get("error").asText()).isEqualTo("missing_field");
        var badObs = node.postJson("/api/v1/nodes/ingest", "{\"observations\":[{\"stream\":\"s\"}]}");
        assertThat(badObs.status()).isEqualTo(400);
        assertThat(badObs.json().get("message").asText()).contains("observation 0");
        assertThat(http.postJson("/api/v1/nodes/tokens", "{\"name\":\"../x\"}").status()).isEqualTo(400);
        assertThat(http.postJson("/api/v1/nodes/tokens", "{\"name\":\"bad\"}").status()).isEqualTo(409);
    }

    private static RecognitionEvent awaitEvent(String stream) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (RecognitionEvent e : events) if (stream.equals(e.stream())) return e;
            Thread.sleep(50);
        }
        throw new AssertionError("no event for " + stream + " among " + events);
    }
}
