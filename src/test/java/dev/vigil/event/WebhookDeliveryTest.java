package dev.vigil.event;

import static dev.vigil.event.EventFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Webhooks against a real local HTTP receiver, with events from real identify calls. */
class WebhookDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "s3cret-for-tests";

    private static String addWebhook(TestServer server, String url, String extra) {
        var r = server.http.postJson("/api/v1/webhooks", "{\"url\": \"" + url + "\", \"secret\": \"" + SECRET + "\"" + extra + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().has("secret")).isFalse();
        return r.json().path("id").asText();
    }

    private static JsonNode onlyDelivery(TestServer server, String eventId) {
        JsonNode deliveries = EventFixtures.event(server, eventId).path("deliveries");
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    @Test
    void aPassIsPostedWithSeedFieldsAndASignatureTheReceiverCanVerify() throws Exception {
        try (TestServer server = TestServer.start(); WebhookReceiver receiver = WebhookReceiver.start(0)) {
            String subjectId = EventFixtures.enroll(server, "Ada");
            addWebhook(server, receiver.url(), "");
            EventFixtures.identify(server, dev.vigil.TestFaces.bytes(dev.vigil.TestFaces.sample(3))); // UNKNOWNs: not sent
            String eventId = EventFixtures.identifyPass(server);
            await("the receiver got the event", WAIT, () -> !receiver.requests().isEmpty());

            var request = receiver.requests().getFirst();
            long now = Instant.now().getEpochSecond();
            assertThat(WebhookSignature.verify(SECRET, request.header("X-Vigil-Signature"), request.body(), now, 300)).isTrue();
            assertThat(WebhookSignature.verify("wrong-secret", request.header("X-Vigil-Signature"), request.body(), now, 300)).isFalse();
            assertThat(WebhookSignature.verify(SECRET, request.header("X-Vigil-Signature"), request.body() + " ", now, 300)).isFalse();
            assertThat(WebhookSignature.verify(SECRET, request.header("X-Vigil-Signature"), request.body(), now + 3600, 300))
                    .as("a replay an hour later is refused").isFalse();

            JsonNode body = Http.JSON.readTree(request.body());
            assertThat(body.path("event_id").asText()).isEqualTo(eventId);
            assertThat(body.path("name").asText()).isEqualTo("Ada");
            assertThat(body.path("subject_id").asText()).isEqualTo(subjectId);
            assertThat(body.path("decision").asText()).isEqualTo("PASS");
            assertThat(body.path("distance").floatValue()).isBetween(0f, 0.65f);
            assertThat(body.path("similarity").floatValue() + body.path("distance").floatValue()).isCloseTo(1f, org.assertj.core.data.Offset.offset(0.001f));
            assertThat(body.path("timestamp").asLong()).isBetween(now - 60, now + 1);
            assertThat(body.has("stream") && body.has("track")).isTrue();
            assertThat(body.path("box")).hasSize(4);
            assertThat(request.header("X-Vigil-Event-Id")).isEqualTo(eventId);
            assertThat(receiver.requests()).hasSize(1);

            await("the delivery is marked delivered", WAIT,
                    () -> onlyDelivery(server, eventId).path("status").asText().equals("DELIVERED"));
        }
    }

    @Test
    void theCooldownHoldsBackTheSamePersonButNotAnotherTarget() {
        try (TestServer server = TestServer.start(); WebhookReceiver slow = WebhookReceiver.start(0);
             WebhookReceiver eager = WebhookReceiver.start(0)) {
            EventFixtures.enroll(server, "Ada");
            addWebhook(server, slow.url(), ", \"cooldown_seconds\": 3600");
            addWebhook(server, eager.url(), ", \"cooldown_seconds\": 0");
            String first = EventFixtures.identifyPass(server);
            String second = EventFixtures.identifyPass(server);
            await("the eager target got both", WAIT, () -> eager.requests().size() == 2);
            await("both events are settled", WAIT, () -> EventFixtures.event(server, second).path("deliveries").findValuesAsText("status")
                    .stream().noneMatch("PENDING"::equals));

            assertThat(slow.requests()).hasSize(1);
            assertThat(slow.requests().getFirst().body()).contains(first);
            JsonNode held = EventFixtures.event(server, second).path("deliveries");
            assertThat(held.findValuesAsText("status")).containsExactlyInAnyOrder("COOLDOWN", "DELIVERED");
        }
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheEventExactlyOnceMore() throws Exception {
        try (TestServer server = TestServer.start(); WebhookReceiver receiver = WebhookReceiver.start(0, 500, 500, 500)) {
            EventFixtures.enroll(server, "Ada");
            addWebhook(server, receiver.url(), "");
            String eventId = EventFixtures.identifyPass(server);
            await("the fourth attempt succeeded", WAIT, () -> onlyDelivery(server, eventId).path("status").asText().equals("DELIVERED"));
            Thread.sleep(1_500); // several retry periods (50-400 ms in tests): nothing more may come

            assertThat(receiver.requests()).hasSize(4).allSatisfy(r -> assertThat(r.body()).contains(eventId));
            JsonNode d = onlyDelivery(server, eventId);
            assertThat(d.path("attempts").asInt()).isEqualTo(4);
            assertThat(d.path("last_http_status").asInt()).isEqualTo(200);
            assertThat(d.path("delivered_at").isTextual()).isTrue();
        }
    }

    @Test
    void anEventQueuedForADownReceiverIsDeliveredAfterARestartWhenItComesUp() {
        int port = WebhookReceiver.freePort();
        Path data = TestServer.newDataDirectory();
        String eventId;
        try (TestServer server = TestServer.start(TestServer.config(data))) {
            EventFixtures.enroll(server, "Ada");
            addWebhook(server, WebhookReceiver.url(port), "");
            eventId = EventFixtures.identifyPass(server);
            await("an attempt failed", WAIT, () -> onlyDelivery(server, eventId).path("attempts").asInt() >= 1);
            JsonNode d = onlyDelivery(server, eventId);
            assertThat(d.path("status").asText()).isEqualTo("PENDING");
            assertThat(d.path("last_error").asText()).isNotEmpty();
        }
        try (TestServer restarted = TestServer.start(TestServer.config(data)); WebhookReceiver receiver = WebhookReceiver.start(port)) {
            await("the receiver got the event", WAIT, () -> !receiver.requests().isEmpty());
            assertThat(receiver.requests().getFirst().body()).contains(eventId);
            await("the delivery is marked delivered", WAIT,
                    () -> onlyDelivery(restarted, eventId).path("status").asText().equals("DELIVERED"));
        }
    }

    @Test
    void webhooksAreListedAndDeletedAndBadOnesRefused() {
        try (TestServer server = TestServer.start()) {
            String id = addWebhook(server, "http://127.0.0.1:9/hook", ", \"events\": [\"PASS\", \"REJECT\"]");
            JsonNode list = server.http.get("/api/v1/webhooks").json().path("webhooks");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).path("events").toString()).isEqualTo("[\"PASS\",\"REJECT\"]");
            assertThat(list.get(0).path("cooldown_seconds").asInt()).isEqualTo(5);

            var bad = server.http.postJson("/api/v1/webhooks", "{\"url\": \"ftp://x\", \"secret\": \"k\"}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().path("error").asText()).isEqualTo("invalid_request");
            var noSecret = server.http.postJson("/api/v1/webhooks", "{\"url\": \"http://127.0.0.1:9/hook\"}");
            assertThat(noSecret.status()).isEqualTo(400);
            assertThat(noSecret.json().path("error").asText()).isEqualTo("missing_field");
            var badDecision = server.http.postJson("/api/v1/webhooks", "{\"url\": \"http://h/\", \"secret\": \"k\", \"events\": [\"MAYBE\"]}");
            assertThat(badDecision.status()).isEqualTo(400);

            assertThat(server.http.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
            assertThat(server.http.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
            assertThat(server.http.get("/api/v1/webhooks").json().path("webhooks")).isEmpty();
        }
    }

    @Test
    void backoffDoublesFromTheFirstWaitUpToTheLongest() {
        assertThat(WebhookDispatcher.backoffMs(1_000, 300_000, 1)).isEqualTo(1_000);
        assertThat(WebhookDispatcher.backoffMs(1_000, 300_000, 2)).isEqualTo(2_000);
        assertThat(WebhookDispatcher.backoffMs(1_000, 300_000, 4)).isEqualTo(8_000);
        assertThat(WebhookDispatcher.backoffMs(1_000, 300_000, 60)).isEqualTo(300_000);
    }
}
