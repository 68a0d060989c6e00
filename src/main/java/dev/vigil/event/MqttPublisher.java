package dev.vigil.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.FaceJson;
import dev.vigil.recognition.Decision;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events to an MQTT broker: each event on {@code <prefix>/<stream>/events} ({@code api} for identify
 * calls), each PASS as retained presence on {@code <prefix>/presence/<subject>}, and {@code online}/{@code offline}
 * (retained, the latter as last will) on {@code <prefix>/status}. Connects in the background and reconnects by itself;
 * while the broker is away, up to {@code mqtt.queue} messages wait and the oldest are dropped beyond that.
 */
final class MqttPublisher implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Waits between failed first connections; after the first success Paho reconnects by itself. */
    private static final long[] RETRY_SECONDS = {1, 5, 10, 60};

    private final VigilConfig.Mqtt config;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("mqtt-connect").daemon().unstarted(r));
    private final SinkQueue<RecognitionEvent> queue;
    private int failedConnects;

    MqttPublisher(VigilConfig.Mqtt config) {
        this.config = config;
        try {
            client = new MqttAsyncClient(config.broker(), config.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt.broker " + config.broker() + " is not usable: " + e.getMessage(), e);
        }
        options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setCleanSession(true);
        options.setMaxInflight(Math.max(10, config.queue()));
        options.setWill(statusTopic(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        if (!config.username().isEmpty()) options.setUserName(config.username());
        if (!config.password().isEmpty()) options.setPassword(config.password().toCharArray());
        var buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(config.queue());
        buffer.setDeleteOldestMessages(true);
        buffer.setPersistBuffer(false);
        client.setBufferOpts(buffer);
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                LOG.info("MQTT: connected to {}{}", serverUri, reconnect ? " again" : "");
                send(statusTopic(), "online", true);
            }

            @Override
            public void connectionLost(Throwable cause) {
                LOG.warn("MQTT: connection to {} lost ({}); reconnecting", config.broker(), cause.toString());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        queue = new SinkQueue<>("mqtt-publisher", config.queue(), this::publishAll);
        connect();
    }

    private void connect() {
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    failedConnects = 0;
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    long wait = RETRY_SECONDS[Math.min(failedConnects++, RETRY_SECONDS.length - 1)];
                    LOG.warn("MQTT: cannot connect to {} ({}); trying again in {} s", config.broker(), error.toString(), wait);
                    if (!retry.isShutdown()) retry.schedule(MqttPublisher.this::connect, wait, TimeUnit.SECONDS);
                }
            });
        } catch (MqttException e) {
            LOG.warn("MQTT: connect to {} refused: {}", config.broker(), e.toString());
        }
    }

    @Override
    public void publish(RecognitionEvent event) {
        queue.offer(event);
    }

    private void publishAll(List<RecognitionEvent> batch) {
        for (RecognitionEvent e : batch) {
            send(eventsTopic(e), json(EventJson.payload(e)), false);
            if (e.decision() == Decision.PASS && e.subjectName() != null) {
                send(presenceTopic(e.subjectName()), json(presence(e)), true);
            }
        }
    }

    private static java.util.Map<String, Object> presence(RecognitionEvent e) {
        var m = new LinkedHashMap<String, Object>();
        m.put("state", "present");
        m.put("subject_id", e.subjectId());
        m.put("name", e.subjectName());
        m.put("last_seen", EventJson.time(e.time()));
        m.put("timestamp", e.time().getEpochSecond());
        m.put("stream", e.stream());
        m.put("similarity", FaceJson.round(e.similarity(), 4));
        m.put("event_id", e.id());
        return m;
    }

    private void send(String topic, String payload, boolean retained) {
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), config.qos(), retained);
        } catch (MqttException e) {
            LOG.debug("MQTT: message to {} dropped: {}", topic, e.toString());
        }
    }

    String eventsTopic(RecognitionEvent e) {
        return config.topicPrefix() + "/" + topicLevel(e.stream() == null ? "api" : e.stream()) + "/events";
    }

    String presenceTopic(String subjectName) {
        return config.topicPrefix() + "/presence/" + topicLevel(subjectName);
    }

    private String statusTopic() {
        return config.topicPrefix() + "/status";
    }

    /**
     * A name as one topic level: lower case, and every character other than a-z, 0-9, '-' and '_' (topic separators
     * and wildcards included) becomes '_'. "Ada Lovelace" → "ada_lovelace".
     */
    static String topicLevel(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        queue.close();
        retry.shutdownNow();
        try {
            if (client.isConnected()) {
                client.publish(statusTopic(), "offline".getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(2_000);
                client.disconnect().waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT: unclean disconnect: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT: close failed: {}", e.toString());
        }
    }
}
