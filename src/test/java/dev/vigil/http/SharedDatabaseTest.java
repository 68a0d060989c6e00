package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.store.PostgresTestDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two real servers on one PostgreSQL database, as {@code vigil serve --db ...} twice: what one enrols, renames or
 * deletes reaches the other's in-memory index within a second, a server that was down catches up on start, and the
 * event log and API keys are the same on both.
 */
class SharedDatabaseTest {
    static byte[] left, right, group;
    PostgresTestDb db;

    @BeforeAll
    static void prepare() {
        Path photo = TestFaces.sample(4);
        left = TestFaces.portrait(photo, 0);
        right = TestFaces.portrait(photo, 3);
        group = TestFaces.halfSize(photo);
    }

    @BeforeEach
    void createSchema() {
        db = PostgresTestDb.create("shared");
    }

    @AfterEach
    void dropSchema() {
        if (db != null) db.close();
    }

    private static JsonNode enroll(TestServer server, String name, byte[] image) {
        var r = server.http.post("/api/v1/enroll", Http.form().text("name", name).text("create", "true").file("image", name + ".jpg", image));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** The name under which some face in the group photo PASSes as {@code subjectId}, or null if none does. */
    private static String passingName(TestServer server, String subjectId) {
        var r = server.http.post("/api/v1/identify", Http.form().file("image", "group.jpg", group));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode f : r.json().path("faces")) {
            if (f.path("decision").asText().equals("PASS") && f.path("subject").path("id").asText().equals(subjectId)) {
                return f.path("subject").path("name").asText();
            }
        }
        return null;
    }

    /** Waits up to {@code limit} for {@code condition}; returns how long it took, or fails. */
    private static Duration within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long t0 = System.nanoTime();
        while (!condition.getAsBoolean()) {
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("condition not met in time").isLessThan(limit);
            Thread.sleep(5);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Test
    void enrolOnAPassesOnBWithinOneSecondAndADeleteOnBStopsA() throws Exception {
        try (TestServer a = TestServer.startOn(db.url); TestServer b = TestServer.startOn(db.url)) {
            int before = b.vigil.gallery().index().size();
            JsonNode enrolled = enroll(a, "sample4-left", left);
            String id = enrolled.path("subject").path("id").asText();
            within(Duration.ofSeconds(1), () -> b.vigil.gallery().index().size() == before + 1);
            assertThat(passingName(b, id)).isEqualTo("sample4-left");

            var renamed = a.http.patchJson("/api/v1/subjects/" + id, "{\"name\":\"Left of four\"}");
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
            assertThat(passingName(b, id)).isEqualTo("Left of four");

            assertThat(b.http.delete("/api/v1/subjects/" + id).status()).isIn(200, 204);
            within(Duration.ofSeconds(1), () -> a.vigil.gallery().index().size() == before);
            assertThat(passingName(a, id)).isNull();
        }
    }

    @Test
    void aServerThatWasDownCatchesUpOnStart() throws Exception {
        String id;
        try (TestServer a = TestServer.startOn(db.url)) {
            TestServer b = TestServer.startOn(db.url);
            b.close();
            id = enroll(a, "sample4-right", right).path("subject").path("id").asText();
        }
        try (TestServer b = TestServer.startOn(db.url)) {
            assertThat(passingName(b, id)).isEqualTo("sample4-right");
            assertThat(b.http.delete("/api/v1/subjects/" + id).status()).isIn(200, 204);
        }
    }

    @Test
    void anIdentifyOnAIsLoggedAsAnEventThatBothServersList() throws Exception {
        try (TestServer a = TestServer.startOn(db.url); TestServer b = TestServer.startOn(db.url)) {
            String id = enroll(a, "sample4-left", left).path("subject").path("id").asText();
            var r = a.http.post("/api/v1/identify", Http.form().file("image", "left.jpg", left));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            String eventId = r.json().path("faces").get(0).path("event_id").asText();
            for (TestServer server : List.of(a, b)) {
                within(Duration.ofSeconds(10), () -> server.http.get("/api/v1/events").json().path("events").size() == 1);
                JsonNode event = server.http.get("/api/v1/events").json().path("events").get(0);
                assertThat(event.path("event_id").asText()).isEqualTo(eventId);
                assertThat(event.path("decision").asText()).isEqualTo("PASS");
                assertThat(event.path("subject_id").asText()).isEqualTo(id);
            }
        }
    }

    @Test
    void aKeyCreatedOnAAuthenticatesOnBAndARevocationOnAStopsItThere() {
        try (TestServer a = TestServer.startOn(db.url); TestServer b = TestServer.startOn(db.url)) {
            Http adminOnA = a.http.with("X-API-Key", createKey(a.http, "ops", "admin"));
            Http doorOnB = b.http.with("X-API-Key", createKey(adminOnA, "door", "recognize"));
            var probe = Http.form().file("image", "left.jpg", left);

            assertThat(b.http.post("/api/v1/identify", probe).status()).as("keys exist now, so none means no access").isEqualTo(401);
            var r = doorOnB.post("/api/v1/identify", probe);
            assertThat(r.status()).as(r.body()).isEqualTo(200);

            assertThat(adminOnA.request("DELETE", "/api/v1/keys/door").status()).isEqualTo(200);
            assertThat(doorOnB.post("/api/v1/identify", probe).status()).as("revoked on A").isEqualTo(401);
        }
    }

    private static String createKey(Http http, String name, String role) {
        var r = http.postJson("/api/v1/keys", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("key").asText();
    }
}
