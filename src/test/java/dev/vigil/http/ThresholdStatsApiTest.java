package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Threshold statistics over real identify calls with operator feedback, through real HTTP and SQLite. */
class ThresholdStatsApiTest {

    private static JsonNode row(JsonNode stats, double threshold) {
        for (JsonNode r : stats.path("grid")) if (Math.abs(r.path("threshold").asDouble() - threshold) < 1e-9) return r;
        throw new AssertionError("no grid row at " + threshold);
    }

    private static Http.Response feedback(Http http, String eventId, String body) {
        return http.postJson("/api/v1/events/" + eventId + "/feedback", body);
    }

    @Test
    void statsCountEveryDecisionAndFeedbackTurnsIntoFalsePassAndFalseRejectPerThreshold() {
        try (TestServer server = TestServer.start()) {
            Http http = server.http;
            Path photo = TestFaces.sample(4);
            for (int i : new int[] {0, 3}) {
                var r = http.post("/api/v1/enroll", Http.form().text("name", "p" + i).text("create", "true")
                        .file("image", "p.jpg", TestFaces.portrait(photo, i)));
                assertThat(r.status()).as(r.body()).isEqualTo(201);
            }
            var r = http.post("/api/v1/identify", Http.form().file("image", "g.jpg", TestFaces.halfSize(photo)));
            assertThat(r.status()).isEqualTo(200);
            List<JsonNode> faces = new ArrayList<>();
            r.json().path("faces").forEach(faces::add);
            faces.sort(Comparator.comparingDouble(f -> f.path("box").get(0).asDouble()));
            assertThat(faces).extracting(f -> f.path("decision").asText()).containsExactly("PASS", "UNKNOWN", "UNKNOWN", "PASS");
            JsonNode left = faces.get(0), stranger = faces.get(1), right = faces.get(3);

            // Left PASS confirmed (genuine); right PASS called a stranger (false PASS); one stranger confirmed.
            assertThat(feedback(http, left.path("event_id").asText(), "{\"correct\": true}").status()).isEqualTo(200);
            assertThat(feedback(http, right.path("event_id").asText(), "{\"correct\": false, \"subject_id\": null}").status()).isEqualTo(200);
            assertThat(feedback(http, stranger.path("event_id").asText(), "{\"correct\": true}").status()).isEqualTo(200);

            JsonNode stats = http.get("/api/v1/thresholds/stats").json();
            assertThat(stats.path("decisions").asLong()).isEqualTo(4);
            assertThat(stats.path("with_feedback").asLong()).isEqualTo(3);
            long binned = 0;
            for (JsonNode b : stats.path("histogram")) binned += b.path("count").asLong();
            assertThat(binned).isEqualTo(4);
            JsonNode atAccept = row(stats, stats.path("accept").asDouble());
            assertThat(atAccept.path("pass").asLong()).isEqualTo(2);
            assertThat(atAccept.path("reject").asLong() + atAccept.path("unknown").asLong()).isEqualTo(2);
            assertThat(atAccept.path("false_pass").asLong()).isEqualTo(1);
            assertThat(atAccept.path("false_reject").asLong()).isZero();
            JsonNode strictest = row(stats, 1.0);
            assertThat(strictest.path("pass").asLong()).isZero();
            assertThat(strictest.path("false_pass").asLong()).isZero();
            assertThat(strictest.path("false_reject").asLong()).isEqualTo(1); // the confirmed left face

            // A correction replaces the earlier feedback rather than adding to it.
            assertThat(feedback(http, right.path("event_id").asText(), "{\"correct\": true}").status()).isEqualTo(200);
            JsonNode corrected = http.get("/api/v1/thresholds/stats").json();
            assertThat(corrected.path("with_feedback").asLong()).isEqualTo(3);
            assertThat(row(corrected, corrected.path("accept").asDouble()).path("false_pass").asLong()).isZero();
            assertThat(row(corrected, 1.0).path("false_reject").asLong()).isEqualTo(2);
        }
    }

    @Test
    void feedbackOnAnUnknownEventIs404AndABadBodyIs400() {
        try (TestServer server = TestServer.start()) {
            Http http = server.http;
            var missing = feedback(http, "no-such-event", "{\"correct\": true}");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().path("error").asText()).isEqualTo("not_found");
            var r = http.post("/api/v1/identify", Http.form().file("image", "s.jpg", TestFaces.bytes(TestFaces.sample(3))));
            String id = r.json().path("faces").get(0).path("event_id").asText();
            assertThat(feedback(http, id, "{not json").json().path("error").asText()).isEqualTo("malformed_json");
            assertThat(feedback(http, id, "{\"correct\": \"yes\"}").status()).isEqualTo(400);
            assertThat(feedback(http, id, "{\"correct\": false, \"subject_id\": \"nobody\"}").status()).isEqualTo(400);
            assertThat(http.get("/api/v1/thresholds/stats").json().path("with_feedback").asLong()).isZero();
        }
    }
}
