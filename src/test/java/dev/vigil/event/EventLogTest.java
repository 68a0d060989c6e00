package dev.vigil.event;

import static dev.vigil.event.EventFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.config.VigilConfig;
import dev.vigil.http.TestServer;
import dev.vigil.recognition.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event log over real HTTP: decisions from identify calls and from (stream-shaped) bus events. */
class EventLogTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static JsonNode events(TestServer server, String query) {
        var r = server.http.get("/api/v1/events" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static int count(TestServer server) {
        return events(server, "?limit=500").path("events").size();
    }

    @Test
    void identifyDecisionsAreLoggedAndFilteredBySubjectDecisionStreamAndTime() {
        try (TestServer server = TestServer.start()) {
            String adaId = EventFixtures.enroll(server, "Ada");
            Instant before = Instant.now().minusSeconds(1);
            String pass = EventFixtures.identifyPass(server);
            JsonNode group = EventFixtures.identify(server, TestFaces.bytes(TestFaces.sample(3)));
            server.vigil.events().publish(EventFixtures.streamEvent("door", 7, Decision.UNKNOWN, null, null));
            await("all five events are logged", WAIT, () -> count(server) == 5);

            JsonNode ada = events(server, "?subject=Ada").path("events");
            assertThat(ada).hasSize(1);
            JsonNode e = ada.get(0);
            assertThat(e.path("event_id").asText()).isEqualTo(pass);
            assertThat(e.path("subject_id").asText()).isEqualTo(adaId);
            assertThat(e.path("source").asText()).isEqualTo("api");
            assertThat(e.path("stream").isNull()).isTrue();
            assertThat(e.path("track").isNull()).isTrue();
            assertThat(e.path("box")).hasSize(4);
            assertThat(e.path("quality").floatValue()).isBetween(0f, 1f);
            assertThat(e.path("liveness").isNumber()).isTrue();
            assertThat(Instant.parse(e.path("time").asText())).isAfter(before);

            assertThat(events(server, "?decision=PASS").path("events")).hasSize(1);
            assertThat(events(server, "?decision=unknown").path("events").size()).isEqualTo(4 - countPass(group));
            JsonNode door = events(server, "?stream=door").path("events");
            assertThat(door).hasSize(1);
            assertThat(door.get(0).path("track").asLong()).isEqualTo(7);
            assertThat(events(server, "?from=" + Instant.now().plusSeconds(60)).path("events")).isEmpty();
            assertThat(events(server, "?to=" + before.getEpochSecond()).path("events")).isEmpty();
            assertThat(events(server, "?from=" + before).path("events")).hasSize(5);
        }
    }

    private static int countPass(JsonNode faces) {
        int n = 0;
        for (JsonNode f : faces) if (f.path("decision").asText().equals("PASS")) n++;
        return n;
    }

    @Test
    void pagesFollowTheCursorNewestFirstWithoutGapsOrRepeats() {
        try (TestServer server = TestServer.start()) {
            List<String> published = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                RecognitionEvent e = EventFixtures.streamEvent("cam", i, Decision.UNKNOWN, null, null);
                published.add(e.id());
                server.vigil.events().publish(e);
            }
            await("all are logged", WAIT, () -> count(server) == 7);
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = events(server, "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
                page.path("events").forEach(e -> seen.add(e.path("event_id").asText()));
                cursor = page.path("next").isNull() ? null : page.path("next").asText();
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen).containsExactlyInAnyOrderElementsOf(published).doesNotHaveDuplicates();
        }
    }

    @Test
    void snapshotsAreServedAndRetentionDeletesTheOldestEventsWithTheirFiles() throws Exception {
        Path data = TestServer.newDataDirectory();
        var d = TestServer.config(data);
        var events = new VigilConfig.Events(30, 3, 0, true, 1000, 16);
        var config = d.withEvents(events, d.webhooks(), d.mqtt());
        byte[] jpeg = TestFaces.bytes(TestFaces.sample(1));
        try (TestServer server = TestServer.start(config)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                RecognitionEvent e = EventFixtures.streamEvent("gate", i, Decision.PASS, "Ada", jpeg);
                ids.add(e.id());
                server.vigil.events().publish(e);
                Thread.sleep(5); // distinct times, so "oldest" is well defined
            }
            await("retention kept the newest three", WAIT, () -> {
                JsonNode list = events(server, "").path("events");
                return list.size() == 3 && list.get(2).path("event_id").asText().equals(ids.get(2));
            });
            var snap = server.http.get("/api/v1/events/" + ids.get(4) + "/snapshot");
            assertThat(snap.status()).isEqualTo(200);
            assertThat(snap.contentType()).isEqualTo("image/jpeg");
            assertThat(snap.body()).isNotEmpty();
            assertThat(server.http.get("/api/v1/events/" + ids.get(0)).status()).isEqualTo(404);
            try (var files = Files.walk(data.resolve("snapshots"))) {
                assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString().replace(".jpg", "")))
                        .containsExactlyInAnyOrderElementsOf(ids.subList(2, 5));
            }
        }
    }

    @Test
    void badFiltersAreRefusedAsJsonErrors() {
        try (TestServer server = TestServer.start()) {
            for (String q : List.of("?decision=MAYBE", "?from=yesterday", "?limit=0", "?limit=x", "?cursor=%25%25")) {
                var r = server.http.get("/api/v1/events" + q);
                assertThat(r.status()).as(q).isEqualTo(400);
                assertThat(r.json().path("error").asText()).as(q).isEqualTo("invalid_request");
            }
            var missing = server.http.get("/api/v1/events/no-such-event/snapshot");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().path("error").asText()).isEqualTo("not_found");
        }
    }
}
