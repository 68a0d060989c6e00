package dev.vigil.node;

import dev.vigil.config.VigilConfig;
import dev.vigil.event.EventStore;
import dev.vigil.event.RecognitionEvent;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes node observations from a JetStream work-queue stream shared by any number of central servers: all bind the
 * same durable pull consumer, so each observation goes to one of them. An observation is acknowledged only after its
 * decision is in the event log; one taken by a server that dies unacknowledged is redelivered to another after
 * {@code natsAckWaitSeconds}. The stream keeps at most {@code natsMaxPerNode} per node subject (oldest discarded), so
 * a flooding node cannot fill it for the others.
 */
final class NatsIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NatsIntake.class);
    static final String CONSUMER = "vigil-central";
    private static final int FETCH = 16;

    private final Connection nats;
    private final JetStreamSubscription subscription;
    private final NodeClassifier classifier;
    private final EventStore log;
    private final Consumer<String> heardFrom;
    private final String prefix;
    private final Duration ackWait;
    private final Thread thread;
    private volatile boolean running = true;

    NatsIntake(VigilConfig.Nodes config, NodeClassifier classifier, EventStore log, Consumer<String> heardFrom) throws IOException {
        this.classifier = classifier;
        this.log = log;
        this.heardFrom = heardFrom;
        this.prefix = config.natsSubject() + ".";
        this.ackWait = Duration.ofMillis((long) (config.natsAckWaitSeconds() * 1000));
        try {
            nats = Nats.connect(new Options.Builder().server(config.nats()).maxReconnects(-1)
                    .connectionTimeout(Duration.ofSeconds(5)).build());
            ensureStream(config);
            var consumer = ConsumerConfiguration.builder().durable(CONSUMER).ackPolicy(AckPolicy.Explicit).ackWait(ackWait)
                    .filterSubject(prefix + ">").build();
            subscription = nats.jetStream().subscribe(prefix + ">", PullSubscribeOptions.builder()
                    .stream(config.natsStream()).configuration(consumer).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to NATS", e);
        } catch (JetStreamApiException e) {
            throw new IOException("NATS JetStream at " + config.nats() + " refused the setup: " + e.getMessage(), e);
        }
        LOG.info("nodes: taking observations from NATS stream {} ({}>)", config.natsStream(), prefix);
        thread = Thread.ofPlatform().name("node-nats-intake").daemon().start(this::run);
    }

    /** Creates the stream; with the same settings that is a no-op, so every server may do it at start. */
    private void ensureStream(VigilConfig.Nodes config) throws IOException, JetStreamApiException {
        var jsm = nats.jetStreamManagement();
        var stream = StreamConfiguration.builder().name(config.natsStream()).subjects(prefix + ">")
                .retentionPolicy(RetentionPolicy.WorkQueue).storageType(StorageType.File)
                .maxMessagesPerSubject(config.natsMaxPerNode()).discardPolicy(DiscardPolicy.Old).build();
        try {
            jsm.addStream(stream);
        } catch (JetStreamApiException e) {
            jsm.getStreamInfo(config.natsStream()); // exists with other settings: use it as it is
            LOG.warn("NATS stream {} exists with other settings ({}); using it", config.natsStream(), e.getMessage());
        }
    }

    private void run() {
        while (running) {
            List<Message> batch;
            try {
                batch = subscription.fetch(FETCH, Duration.ofMillis(500));
            } catch (RuntimeException e) {
                if (running) LOG.warn("NATS fetch failed: {}", e.getMessage());
                pause();
                continue;
            }
            for (Message m : batch) {
                if (!running) {
                    m.nak(); // taken but not started: another server can have it at once
                    continue;
                }
                handle(m);
            }
        }
    }

    private void handle(Message m) {
        Observation o;
        try {
            String node = m.getSubject().substring(prefix.length());
            o = ObservationJson.read(m.getData()).withNode(node);
        } catch (RuntimeException e) {
            LOG.warn("dropping a malformed observation on {}: {}", m.getSubject(), e.getMessage());
            m.term();
            return;
        }
        heardFrom.accept(o.node());
        try {
            RecognitionEvent decided = classifier.classify(o);
            if (decided == null || awaitLogged(decided.id())) m.ack();
            else m.nak();
        } catch (RuntimeException e) {
            LOG.warn("classifying an observation of node {} failed; it will be redelivered", o.node(), e);
            m.nak();
        }
    }

    /** Whether the decision reached the event log within half the ack wait (the log writes in batches). */
    private boolean awaitLogged(String eventId) {
        long deadline = System.nanoTime() + ackWait.toNanos() / 2;
        while (System.nanoTime() < deadline) {
            if (log.find(eventId).isPresent()) return true;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /** Finishes the observation in hand, hands back the rest of the batch, and disconnects. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(ackWait.toMillis());
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
