package dev.vigil.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import dev.vigil.recognition.Decision;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Streams from video files through the real server: voting, events, looping, the MJPEG view, API errors. */
class StreamFileTest {
    static TestServer server;
    static Http http;
    static final List<RecognitionEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        FfmpegProgram.path();
        server = TestServer.start();
        http = server.http;
        server.vigil.events().subscribe(events::add);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static Path bbt() {
        Path p = TestFaces.shared().resolve("video/faceapi_bbt_test_video.mp4");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(p), "skipped: no video at " + p);
        return p;
    }

    @Test
    void aFileStreamNamesTheEnrolledPersonByVoteOnceAndLeavesOthersUnknown() throws Exception {
        Path lin = TestFaces.sharedFaces().resolve("face_recognition_examples/lin_manuel_miranda/lin-manuel-miranda.png");
        Path clip = FfmpegProgram.clip();
        assertThat(http.post("/api/v1/enroll", Http.form().text("name", "Lin-Manuel Miranda").text("create", "true")
                .file("image", "lin.png", TestFaces.bytes(lin))).status()).isEqualTo(201);

        String id = Streams.create(http, "{\"name\":\"hamilton\",\"url\":" + Streams.q(clip.toString()) + ",\"fps\":5}");
        Streams.await(http, id, Duration.ofSeconds(20), "live", s -> s.get("state").asText().equals("live"));
        boolean sawKnown = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        JsonNode s;
        do {
            for (JsonNode stream : http.get("/api/v1/status").json().get("streams")) {
                for (JsonNode p : stream.get("persons")) {
                    if (p.get("known").asBoolean() && p.get("name").asText().equals("Lin-Manuel Miranda")) sawKnown = true;
                }
            }
            Thread.sleep(250);
            s = http.get("/api/v1/streams/" + id).json();
        } while (!s.get("state").asText().equals("ended") && System.nanoTime() < deadline);

        assertThat(s.get("state").asText()).isEqualTo("ended");
        assertThat(s.get("frames_analysed").asLong()).isGreaterThan(20);
        assertThat(sawKnown).as("GET /api/v1/status listed Lin-Manuel Miranda as known while in view").isTrue();
        List<RecognitionEvent> mine = events.stream().filter(e -> "hamilton".equals(e.stream())).toList();
        List<RecognitionEvent> passes = mine.stream().filter(e -> e.decision() == Decision.PASS).toList();
        assertThat(passes).as("PASS events (one per person per cooldown)").hasSize(1);
        assertThat(passes.get(0).subjectName()).isEqualTo("Lin-Manuel Miranda");
        assertThat(passes.get(0).source()).isEqualTo("stream");
        assertThat(passes.get(0).snapshot()).isNotNull();
        assertThat(mine).as("the unenrolled people in the audience are decided UNKNOWN")
                .anyMatch(e -> e.decision() == Decision.UNKNOWN && e.subjectId() == null);
        assertThat(mine).allMatch(e -> e.decision() != Decision.PASS || "Lin-Manuel Miranda".equals(e.subjectName()));
    }

    @Test
    void aLoopedFileKeepsPlayingAndAnUnloopedOneEnds() throws Exception {
        Path video = bbt(); // 5 frames, 0.2 s
        String looped = Streams.create(http, "{\"name\":\"bbt-loop\",\"url\":" + Streams.q(video.toString()) + ",\"fps\":10,\"loop\":true}");
        String once = Streams.create(http, "{\"name\":\"bbt-once\",\"url\":" + Streams.q(video.toString()) + ",\"fps\":10}");
        Streams.await(http, once, Duration.ofSeconds(15), "ended", s -> s.get("state").asText().equals("ended"));
        JsonNode l = Streams.await(http, looped, Duration.ofSeconds(15), "live past 3 loops",
                s -> s.get("frames_in").asLong() > 15 && s.get("state").asText().equals("live"));
        assertThat(l.get("reconnects").asLong()).isZero();
        assertThat(http.get("/api/v1/streams/" + once).json().get("frames_in").asLong()).isEqualTo(5);
        assertThat(http.delete("/api/v1/streams/" + looped).status()).isEqualTo(200);
        assertThat(http.delete("/api/v1/streams/" + once).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/streams/" + looped).status()).isEqualTo(404);
    }

    @Test
    void theMjpegViewIsAMultipartStreamOfJpegs() throws Exception {
        String id = Streams.create(http, "{\"name\":\"bbt-view\",\"url\":" + Streams.q(bbt().toString()) + ",\"fps\":10,\"loop\":true}");
        var client = HttpClient.newHttpClient();
        var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.vigil.port() + "/streams/" + id + "/mjpeg"))
                .timeout(Duration.ofSeconds(20)).build();
        HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertThat(type).startsWith("multipart/x-mixed-replace");
        String boundary = type.substring(type.indexOf("boundary=") + 9);
        try (InputStream in = r.body()) {
            for (int part = 0; part < 3; part++) {
                assertThat(line(in)).isEqualTo("--" + boundary);
                assertThat(line(in)).isEqualTo("Content-Type: image/jpeg");
                String len = line(in);
                assertThat(len).startsWith("Content-Length: ");
                assertThat(line(in)).isEmpty();
                byte[] jpeg = in.readNBytes(Integer.parseInt(len.substring(16)));
                assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
                assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
                try (var img = TestFaces.DECODER.decode(jpeg)) {
                    assertThat(img.width()).isEqualTo(820);
                    assertThat(img.height()).isEqualTo(460);
                }
                assertThat(line(in)).isEmpty();
            }
        }
        http.delete("/api/v1/streams/" + id);
    }

    @Test
    void badRequestsAreJsonErrors() {
        assertThat(http.postJson("/api/v1/streams", "{\"name\":\"x\"}").json().get("error").asText()).isEqualTo("missing_field");
        var badFps = http.postJson("/api/v1/streams", "{\"name\":\"x\",\"url\":\"/tmp/none.mp4\",\"fps\":0}");
        assertThat(badFps.status()).isEqualTo(400);
        assertThat(badFps.json().get("message").asText()).contains("fps");
        assertThat(http.postJson("/api/v1/streams", "{\"name\":\"x\",\"url\":\"gopher://cam\"}").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/streams/nope").status()).isEqualTo(404);
        assertThat(http.get("/streams/nope/mjpeg").json().get("error").asText()).isEqualTo("not_found");
        String id = Streams.create(http, "{\"name\":\"missing file\",\"url\":\"/tmp/vigil-no-such-video.mp4\"}");
        var dup = http.postJson("/api/v1/streams", "{\"name\":\"missing file\",\"url\":\"/tmp/other.mp4\"}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().get("error").asText()).isEqualTo("duplicate_name");
        http.delete("/api/v1/streams/" + id);
    }

    private static String line(InputStream in) throws java.io.IOException {
        var sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') if (c != '\r') sb.append((char) c);
        return sb.toString();
    }
}
