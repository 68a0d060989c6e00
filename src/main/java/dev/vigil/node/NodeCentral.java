package dev.vigil.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.config.VigilConfig;
import dev.vigil.event.EventSink;
import dev.vigil.event.EventStore;
import dev.vigil.recognition.Recognizer;
import dev.vigil.stream.LatencyWindow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of edge nodes: their tokens, their heartbeats, the fair queue their observations wait in over
 * HTTP, the threads that classify them, and (when configured) the NATS intake. Closing stops taking new work and
 * finishes what was queued.
 */
public final class NodeCentral implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCentral.class);

    private record Heard(Instant at, JsonNode health) {
    }

    private final VigilConfig.Nodes config;
    private final NodeTokens tokens;
    private final NodeClassifier classifier;
    private final FairQueue<Observation> queue;
    private final Map<String, Heard> heard = new ConcurrentHashMap<>();
    private final Map<String, LatencyWindow> waits = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private final NatsIntake nats;
    private volatile boolean closing;

    /** @param log the event log: the NATS intake acknowledges an observation only once its decision is in it */
    public NodeCentral(VigilConfig.Nodes config, double cooldownSeconds, NodeTokens tokens, Recognizer recognizer,
                       EventSink events, EventStore log) throws IOException {
        this.config = config;
        this.tokens = tokens;
        this.classifier = new NodeClassifier(recognizer, events, cooldownSeconds);
        this.queue = new FairQueue<>(config.queuePerNode());
        for (int i = 0; i < config.classifyThreads(); i++) {
            workers.add(Thread.ofPlatform().name("node-classify-" + i).daemon().start(this::drain));
        }
        this.nats = config.natsEnabled() ? new NatsIntake(config, classifier, log, this::heardFrom) : null;
    }

    public NodeTokens tokens() {
        return tokens;
    }

    /** How many of a batch were queued and how many shed because the node's lane was full. */
    public record Ingested(int accepted, int shed) {
    }

    public Ingested ingest(String node, List<Observation> batch) {
        heardFrom(node);
        int accepted = 0;
        for (Observation o : batch) if (queue.offer(node, o.withNode(node))) accepted++;
        return new Ingested(accepted, batch.size() - accepted);
    }

    public void heartbeat(String node, JsonNode health) {
        heard.put(node, new Heard(Instant.now(), health));
    }

    private void heardFrom(String node) {
        heard.compute(node, (k, h) -> new Heard(Instant.now(), h == null ? null : h.health()));
    }

    /** Every node with a token or heard from (a revoked node stays listed until restart), by name. */
    public List<NodeStatus> nodes() {
        var names = new TreeSet<>(tokens.nodes());
        names.addAll(heard.keySet());
        Instant activeSince = Instant.now().minus(Duration.ofMillis((long) (config.inactiveSeconds() * 1000)));
        List<NodeStatus> out = new ArrayList<>();
        for (String n : names) {
            Heard h = heard.get(n);
            var lane = queue.stats(n);
            LatencyWindow w = waits.get(n);
            out.add(new NodeStatus(n, h == null ? null : h.at(), h != null && h.at().isAfter(activeSince),
                    h == null ? null : h.health(), lane.offered(), lane.shed(), lane.waiting(),
                    w == null ? Double.NaN : w.percentile(95)));
        }
        return out;
    }

    /** Observations shed by the fair queue, all nodes together. */
    public long shed() {
        return queue.shed();
    }

    private void drain() {
        while (true) {
            FairQueue.Taken<Observation> t;
            try {
                t = queue.take(1000);
            } catch (InterruptedException e) {
                return;
            }
            if (t == null) {
                if (closing) return;
                continue;
            }
            waits.computeIfAbsent(t.node(), n -> new LatencyWindow()).add((System.nanoTime() - t.offeredNanos()) / 1e6);
            try {
                classifier.classify(t.item());
            } catch (RuntimeException e) {
                LOG.warn("classifying an observation of node {} failed", t.node(), e);
            }
        }
    }

    @Override
    public void close() {
        if (nats != null) nats.close();
        closing = true;
        queue.close();
        for (Thread w : workers) {
            try {
                w.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            w.interrupt();
        }
    }
}
