package dev.vigil.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.engine.BoundingBox;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import dev.vigil.recognition.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** What the event tests share: a known person from a real photo, identify calls, and waiting for an outcome. */
final class EventFixtures {
    /** The leftmost person of npm sample4, cut out as a portrait: enrolled, then identified as a PASS. */
    private static byte[] portrait;

    /** Cut once, on first use: cutting needs the face engine, which tests of bus events alone do not. */
    static synchronized byte[] portrait() {
        if (portrait == null) portrait = TestFaces.portrait(TestFaces.sample(4), 0);
        return portrait;
    }

    private EventFixtures() {
    }

    /** Enrols {@link #portrait()} under this name; returns the subject id. */
    static String enroll(TestServer server, String name) {
        var r = server.http.post("/api/v1/enroll", Http.form().text("name", name).text("create", "true")
                .file("image", name + ".jpg", portrait()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("subject").path("id").asText();
    }

    /** Identifies an image; returns the faces of the answer. */
    static JsonNode identify(TestServer server, byte[] image) {
        var r = server.http.post("/api/v1/identify", Http.form().file("image", "probe.jpg", image));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("faces");
    }

    /** Identifies {@link #portrait()}: one face, a PASS; returns its event id. */
    static String identifyPass(TestServer server) {
        JsonNode faces = identify(server, portrait());
        assertThat(faces).hasSize(1);
        assertThat(faces.get(0).path("decision").asText()).isEqualTo("PASS");
        return faces.get(0).path("event_id").asText();
    }

    /** The logged event; the log is written in the background, so this waits for it to appear. */
    static JsonNode event(TestServer server, String id) {
        await("event " + id + " is logged", Duration.ofSeconds(10), () -> server.http.get("/api/v1/events/" + id).status() == 200);
        var r = server.http.get("/api/v1/events/" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** A stream-shaped decision, as the streams subsystem publishes them. */
    static RecognitionEvent streamEvent(String stream, long track, Decision decision, String name, byte[] snapshot) {
        return new RecognitionEvent(EventBus.newId(), EventBus.now(), "stream", stream, track, decision,
                name == null ? null : "subject-" + name, name, name == null ? 0.1f : 0.8f,
                new BoundingBox(10, 20, 110, 140), 0.7f, Float.NaN, snapshot);
    }

    /** Waits (functional timeout, not a speed check) until the condition holds; fails with the message if never. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) throw new AssertionError("timed out waiting until " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
