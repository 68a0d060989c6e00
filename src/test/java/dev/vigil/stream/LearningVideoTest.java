package dev.vigil.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.config.VigilConfig;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.event.WebhookReceiver;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import dev.vigil.recognition.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Liveness and learning on real video: Lin-Manuel Miranda blinks on the Hamilton clip, so his unknown track is live
 * and becomes an auto-profile, recognised on a second stream, which makes him an intruder (two sightings); his still
 * photo looped as a video never is.
 */
class LearningVideoTest {

    /** Learning on, as a test wants it: analysis at 15 fps (a blink lasts a few frames), two sightings make an intruder. */
    static VigilConfig config() {
        var c = TestServer.config(TestServer.newDataDirectory());
        var l = c.learning();
        return c.withLearning(new VigilConfig.Learning(true, l.blinkWindowSeconds(), l.blinkClosedRatio(), l.minBlinks(),
                l.passiveFloor(), l.minFaces(), l.minQuality(), l.maxTemplates(), l.agreementFloor(), false, 3600,
                l.pruneMinSightings(), 3600, 2, 600, true));
    }

    static Path hamilton() throws Exception {
        Path clip = FfmpegProgram.clip();
        org.junit.jupiter.api.Assumptions.assumeTrue(clip.endsWith("short_hamilton_clip.mp4"), "skipped: no ../shared/video");
        return clip;
    }

    static void playToEnd(Http http, String name, Path video) throws InterruptedException {
        String id = Streams.create(http, "{\"name\":" + Streams.q(name) + ",\"url\":" + Streams.q(video.toString()) + ",\"fps\":15}");
        Streams.await(http, id, Duration.ofSeconds(60), "ended", s -> s.get("state").asText().equals("ended"));
    }

    static List<JsonNode> autoProfiles(Http http) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode s : http.get("/api/v1/subjects").json().get("subjects")) {
            if (s.get("name").asText().startsWith("unknown-")) out.add(s);
        }
        return out;
    }

    @Test
    void aBlinkingUnknownBecomesAProfileIsRecognisedOnTheNextStreamAndRaisesAnIntruderAlert() throws Exception {
        Path clip = hamilton();
        List<RecognitionEvent> events = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(config()); WebhookReceiver receiver = WebhookReceiver.start(0)) {
            server.vigil.events().subscribe(events::add);
            Http http = server.http;
            var hook = http.postJson("/api/v1/webhooks", "{\"url\":" + Streams.q(receiver.url())
                    + ",\"secret\":\"s3cret-for-tests\",\"events\":[\"INTRUDER\"]}");
            assertThat(hook.status()).as(hook.body()).isEqualTo(201);

            playToEnd(http, "door", clip);
            List<JsonNode> profiles = autoProfiles(http);
            assertThat(profiles).as("one auto-profile: the singer, the only live face of good quality").hasSize(1);
            JsonNode profile = profiles.get(0);
            String pid = profile.get("id").asText();
            assertThat(profile.get("metadata").get("auto").asText()).isEqualTo("true");
            assertThat(profile.get("template_count").asInt()).isBetween(3, 5);
            assertThat(server.vigil.gallery().store().auditLog(0, 100, pid)).as("made because his track blinked and looked live")
                    .anyMatch(a -> a.action().equals("learning.profile.create") && !a.detail().contains("\"blinks\":0"));
            List<RecognitionEvent> door = events.stream().filter(e -> "door".equals(e.stream())).toList();
            assertThat(door).as("his track was UNKNOWN before it was profiled").anyMatch(e -> e.decision() == Decision.UNKNOWN);
            assertThat(server.vigil.learner().prune(Instant.now()).profiles()).as("within its grace period").isEmpty();

            playToEnd(http, "hall", clip);
            assertThat(autoProfiles(http)).as("seen again: recognised, not profiled anew").hasSize(1);
            assertThat(events).as("recognised on the second stream, live: %s", events.stream().filter(e -> "hall".equals(e.stream()))
                    .map(e -> e.trackId() + " " + e.decision() + " " + e.subjectName() + " live " + e.liveness()).toList())
                    .anyMatch(e -> "hall".equals(e.stream()) && e.decision() == Decision.PASS && pid.equals(e.subjectId()));

            long linTrack = events.stream().filter(e -> "hall".equals(e.stream()) && pid.equals(e.subjectId())).findFirst()
                    .orElseThrow().trackId();
            List<RecognitionEvent> alerts = events.stream().filter(e -> e.decision() == Decision.INTRUDER
                    && "hall".equals(e.stream()) && e.trackId() == linTrack).toList();
            assertThat(alerts).as("one alert about him: his second sighting").hasSize(1);
            RecognitionEvent intruder = alerts.get(0);
            assertThat(intruder.subjectId()).as("his profile, or his unnamed track before its vote turned").isIn(pid, null);
            assertThat(intruder.snapshot()).isNotNull();
            assertThat(events).as("the audience, also seen on both streams, are intruders too; nobody twice")
                    .filteredOn(e -> e.decision() == Decision.INTRUDER).extracting(RecognitionEvent::trackId).doesNotHaveDuplicates();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (receiver.requests().stream().noneMatch(r -> r.body().contains(intruder.id())) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            JsonNode body = Http.JSON.readTree(receiver.requests().stream().filter(r -> r.body().contains(intruder.id()))
                    .findFirst().orElseThrow().body());
            assertThat(body.get("decision").asText()).isEqualTo("INTRUDER");
            assertThat(receiver.requests()).as("the webhook asked for INTRUDER only").allMatch(r -> r.body().contains("\"INTRUDER\""));

            // An operator names him: he is adopted, and merging moves his templates into the named person.
            assertThat(http.patchJson("/api/v1/subjects/" + pid, "{\"name\":\"Lin-Manuel Miranda\"}").status()).isEqualTo(200);
            String lin = http.postJson("/api/v1/subjects", "{\"name\":\"Lin\"}").json().get("id").asText();
            int templatesBefore = http.get("/api/v1/subjects/" + pid).json().get("templates").size();
            var merged = http.postJson("/api/v1/subjects/" + pid + "/merge", "{\"into\":" + Streams.q(lin) + "}");
            assertThat(merged.status()).as(merged.body()).isEqualTo(200);
            assertThat(merged.json().get("templates_moved").asInt()).as("his templates, at most the best 5")
                    .isEqualTo(templatesBefore).isBetween(3, 5);
            assertThat(http.get("/api/v1/subjects/" + pid).status()).isEqualTo(404);
        }
    }

    @Test
    void hisStillPhotoLoopedAsVideoIsNeverLiveAndNeverProfiled() throws Exception {
        hamilton();
        Path photo = TestFaces.sharedFaces().resolve("face_recognition_examples/lin_manuel_miranda/lin-manuel-miranda.png");
        Path still = Files.createTempDirectory("vigil-still-").resolve("still.mp4");
        FfmpegProgram.run("-loop", "1", "-framerate", "30", "-t", "6", "-i", photo.toString(), "-vf", "scale=640:-2",
                "-c:v", "mpeg4", "-q:v", "3", still.toString());
        List<RecognitionEvent> events = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(config())) {
            server.vigil.events().subscribe(events::add);
            playToEnd(server.http, "photo", still);
            assertThat(events).as("his face was seen and decided").anyMatch(e -> e.decision() == Decision.UNKNOWN);
            assertThat(events).as("never live").allMatch(e -> e.liveness() == 0f);
            assertThat(autoProfiles(server.http)).as("never profiled").isEmpty();
        }
    }
}
