package dev.vigil.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.http.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The events, webhooks and mqtt config sections: file, environment, checks, and config webhooks over the API. */
class EventsConfigTest {

    private static VigilConfig load(String json, Map<String, String> env) throws Exception {
        Path file = Files.createTempFile("vigil-config-", ".json");
        Files.writeString(file, json);
        return ConfigLoader.load(file, env, Map.of());
    }

    @Test
    void webhookTargetsComeFromTheFileWithPassOnlyAndTheDefaultCooldown() throws Exception {
        var c = load("{\"webhooks\": {\"targets\": [{\"url\": \"http://127.0.0.1:9/hook\", \"secret\": \"k\"}]}}",
                Map.of("VIGIL_MQTT_BROKER", "tcp://127.0.0.1:1883", "VIGIL_EVENTS_RETENTION_DAYS", "7"));
        assertThat(c.webhooks().targets()).singleElement().satisfies(t -> {
            assertThat(t.events()).containsExactly("PASS");
            assertThat(t.cooldownSeconds()).isNull();
        });
        assertThat(c.mqtt().enabled()).isTrue();
        assertThat(c.events().retentionDays()).isEqualTo(7);
        assertThat(VigilConfig.defaults().mqtt().enabled()).isFalse();
    }

    @Test
    void badValuesAndUnknownKeysAreRefused() {
        assertThatThrownBy(() -> load("{\"webhooks\": {\"targets\": [{\"url\": \"http://h/\", \"secret\": \"k\", \"colour\": 1}]}}", Map.of()))
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> load("{\"webhooks\": {\"targets\": [{\"url\": \"http://h/\", \"secret\": \"k\", \"events\": [\"YES\"]}]}}", Map.of()))
                .hasMessageContaining("PASS, REJECT, UNKNOWN and INTRUDER");
        assertThatThrownBy(() -> load("{}", Map.of("VIGIL_MQTT_QOS", "3"))).hasMessageContaining("mqtt.qos");
        assertThatThrownBy(() -> load("{}", Map.of("VIGIL_MQTT_TOPIC_PREFIX", "a/#"))).hasMessageContaining("wildcards");
    }

    @Test
    void configWebhooksAreListedButCannotBeDeletedOverTheApi() {
        var d = TestServer.config(TestServer.newDataDirectory());
        var w = d.webhooks();
        var target = new VigilConfig.Webhooks.Target("http://127.0.0.1:9/hook", "k", null, 30);
        var config = d.withEvents(d.events(),
                new VigilConfig.Webhooks(java.util.List.of(target), w.cooldownSeconds(), w.timeoutMs(), w.retryInitialMs(),
                        w.retryMaxMs(), w.giveUpHours()), d.mqtt());
        try (TestServer server = TestServer.start(config)) {
            JsonNode hook = server.http.get("/api/v1/webhooks").json().path("webhooks").get(0);
            assertThat(hook.path("source").asText()).isEqualTo("config");
            assertThat(hook.path("cooldown_seconds").asInt()).isEqualTo(30);
            var r = server.http.delete("/api/v1/webhooks/" + hook.path("id").asText());
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().path("error").asText()).isEqualTo("read_only");
        }
    }
}
