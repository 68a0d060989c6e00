package dev.vigil.event;

import static dev.vigil.event.EventFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.config.VigilConfig;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MQTT against the real Mosquitto on this machine, with events from real identify calls. */
class MqttPublisherTest {
    private static final String BROKER = "tcp://127.0.0.1:1883";
    private static final Duration WAIT = Duration.ofSeconds(20);

    record Received(String topic, String payload, boolean retained) {
        JsonNode json() {
            try {
                return Http.JSON.readTree(payload);
            } catch (IOException e) {
                throw new AssertionError("not JSON on " + topic + ": " + payload, e);
            }
        }
    }

    @BeforeAll
    static void brokerIsUp() {
        try (var s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 1883), 1_000);
        } catch (IOException e) {
            assumeTrue(false, "skipped: no MQTT broker at 127.0.0.1:1883");
        }
    }

    /** A real subscriber; everything it receives is kept. */
    private static MqttClient subscribe(String filter, List<Received> into) throws MqttException {
        var client = new MqttClient(BROKER, "vigil-test-sub-" + UUID.randomUUID(), new MemoryPersistence());
        var options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        client.subscribe(filter, 1, (topic, message) ->
                into.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained())));
        return client;
    }

    private static void clearRetained(MqttClient client, String topic) throws MqttException {
        client.publish(topic, new byte[0], 1, true);
    }

    @Test
    void anEventAppearsOnTheStreamTopicAndPresenceIsRetained() throws Exception {
        String prefix = "vigil-test-" + UUID.randomUUID().toString().substring(0, 8);
        var d = TestServer.config(TestServer.newDataDirectory());
        var mqtt = new VigilConfig.Mqtt(BROKER, 1, prefix, prefix + "-server", "", "", 100);
        var config = d.withEvents(d.events(), d.webhooks(), mqtt);
        List<Received> live = new CopyOnWriteArrayList<>();
        MqttClient subscriber = subscribe(prefix + "/#", live);
        try (TestServer server = TestServer.start(config)) {
            await("the server says it is online", WAIT, () -> live.stream().anyMatch(r ->
                    r.topic().equals(prefix + "/status") && r.payload().equals("online")));
            String subjectId = EventFixtures.enroll(server, "Ada Lovelace");
            String eventId = EventFixtures.identifyPass(server);
            server.vigil.events().publish(EventFixtures.streamEvent("front door", 3, dev.vigil.recognition.Decision.UNKNOWN, null, null));

            await("the event is on vigil/api/events", WAIT, () -> live.stream().anyMatch(r -> r.topic().equals(prefix + "/api/events")));
            JsonNode event = live.stream().filter(r -> r.topic().equals(prefix + "/api/events")).findFirst().orElseThrow().json();
            assertThat(event.path("event_id").asText()).isEqualTo(eventId);
            assertThat(event.path("name").asText()).isEqualTo("Ada Lovelace");
            assertThat(event.path("subject_id").asText()).isEqualTo(subjectId);
            assertThat(event.path("decision").asText()).isEqualTo("PASS");
            assertThat(event.path("distance").isNumber() && event.path("similarity").isNumber()).isTrue();
            assertThat(event.path("timestamp").isIntegralNumber()).isTrue();
            assertThat(event.path("box")).hasSize(4);

            await("the stream event is on its stream's topic", WAIT,
                    () -> live.stream().anyMatch(r -> r.topic().equals(prefix + "/front_door/events")));

            String presenceTopic = prefix + "/presence/ada_lovelace";
            await("presence was published", WAIT, () -> live.stream().anyMatch(r -> r.topic().equals(presenceTopic)));
            // A subscriber that comes later (Home Assistant after a restart) still gets the state: it is retained.
            List<Received> late = new CopyOnWriteArrayList<>();
            MqttClient latecomer = subscribe(presenceTopic, late);
            try {
                await("the late subscriber got the retained presence", WAIT, () -> !late.isEmpty());
                Received presence = late.getFirst();
                assertThat(presence.retained()).isTrue();
                assertThat(presence.json().path("state").asText()).isEqualTo("present");
                assertThat(presence.json().path("name").asText()).isEqualTo("Ada Lovelace");
                assertThat(presence.json().path("last_seen").asText()).isEqualTo(event.path("time").asText());
            } finally {
                latecomer.disconnect();
                latecomer.close();
            }
        } finally {
            await("the server says it is offline", WAIT, () -> live.stream().anyMatch(r ->
                    r.topic().equals(prefix + "/status") && r.payload().equals("offline")));
            clearRetained(subscriber, prefix + "/presence/ada_lovelace");
            clearRetained(subscriber, prefix + "/status");
            subscriber.disconnect();
            subscriber.close();
        }
    }

    @Test
    void namesBecomeSingleTopicLevels() {
        assertThat(MqttPublisher.topicLevel(" Ada Lovelace ")).isEqualTo("ada_lovelace");
        assertThat(MqttPublisher.topicLevel("a/b+c#d")).isEqualTo("a_b_c_d");
    }
}
