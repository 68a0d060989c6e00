package dev.vigil.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.Models;
import dev.vigil.event.EventSink;
import dev.vigil.store.SqliteStore;
import dev.vigil.stream.StreamLeases;
import dev.vigil.stream.StreamManager;
import dev.vigil.stream.StreamSpec;
import dev.vigil.stream.VideoStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running edge node ({@code vigil node}): the server's stream pipeline with {@link NodeTrackSender} as its track
 * step, the disk outbox, the sender to the centre (HTTP or NATS) and the heartbeat. Started in that order, closed in
 * reverse. Its data directory holds only the outbox and the streams table the pipeline keeps.
 */
public final class EdgeNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeNode.class);
    public static final String VERSION = "0.1.0";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final StreamManager streams;
    private final DiskBuffer outbox;
    private final OutboxSender sender;
    private final CentralClient central;
    private volatile String name;

    /**
     * @param server  the central server's base URL
     * @param token   this node's token, from {@code vigil nodes token create}
     * @param sources the streams to read; the command line is their only source (earlier runs' streams are forgotten)
     */
    private EdgeNode(VigilConfig config, String server, String token, List<VigilConfig.Source> sources) throws IOException {
        boolean ok = false;
        try {
            var nodes = config.nodes();
            Path data = config.server().data();
            Files.createDirectories(data);
            central = new CentralClient(server, token);
            outbox = new DiskBuffer(data.resolve("outbox"), nodes.bufferMaxItems());
            own(central); // heartbeats; in HTTP mode also the uplink, which the sender closes too (closing twice is harmless)
            Uplink uplink = nodes.natsEnabled() ? new NatsUplink(nodes.nats(), nodes.natsSubject(), () -> name) : central;
            var engineCfg = config.engine();
            Path models = engineCfg.models().isBlank() ? Models.defaultDirectory() : Path.of(engineCfg.models());
            FaceEngine engine = own(FaceEngine.open(new EngineConfig(models, engineCfg.threads(), engineCfg.detectThreshold(),
                    EngineConfig.defaults().nmsIou())));
            SqliteStore store = own(SqliteStore.open(data.resolve("node.db")));
            for (StreamSpec s : store.streams()) store.deleteStream(s.id());
            var settings = config.streams();
            var withSources = settings.withSources(sources);
            // Frames are not shown anywhere on a node: its frame events go nowhere.
            EventSink noViewers = event -> { };
            streams = own(new StreamManager(store, withSources, engine, noViewers, StreamLeases.ALL,
                    spec -> new NodeTrackSender(spec.name(), nodes, outbox)).start());
            sender = own(new OutboxSender(outbox, uplink, nodes.batchSize()));
            ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                    .name("node-heartbeat").daemon().unstarted(r));
            own(heartbeat::shutdownNow);
            long every = (long) (nodes.heartbeatSeconds() * 1000);
            heartbeat.scheduleWithFixedDelay(this::heartbeat, 0, every, TimeUnit.MILLISECONDS);
            ok = true;
        } finally {
            if (!ok) close();
        }
    }

    public static EdgeNode start(VigilConfig config, String server, String token, List<VigilConfig.Source> sources)
            throws IOException {
        return new EdgeNode(config, server, token, sources);
    }

    private <T extends AutoCloseable> T own(T resource) {
        started.push(resource);
        return resource;
    }

    private void heartbeat() {
        try {
            String answered = central.heartbeat(ObservationJson.JSON.writeValueAsBytes(health()));
            if (name == null) LOG.info("the centre knows this node as '{}'", answered);
            name = answered;
        } catch (IOException | RuntimeException e) {
            LOG.warn("heartbeat failed: {}", e.getMessage());
        }
    }

    /** What the centre lists about this node: version, streams and their health, outbox depth, CPU. */
    private ObjectNode health() {
        ObjectNode h = ObservationJson.JSON.createObjectNode();
        h.put("version", VERSION);
        var list = h.putArray("streams");
        for (VideoStream v : streams.streams()) {
            var st = v.status();
            list.addObject().put("name", v.spec().name()).put("state", st.state().toString())
                    .put("fps_analysed", Math.round(st.fpsAnalysed() * 100) / 100.0).put("frames_analysed", st.framesAnalysed())
                    .put("reconnects", st.reconnects()).put("last_error", st.lastError());
        }
        h.put("queue_depth", outbox.size());
        h.put("buffer_dropped", outbox.dropped());
        h.put("sent", sender.sent());
        h.put("sent_bytes", central.bytesSent());
        h.put("refused", sender.refused());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        h.put("cpu", Math.round(Math.max(0, os.getCpuLoad()) * 1000) / 1000.0);
        return h;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                LOG.warn("error while stopping the node", e);
            }
        }
    }
}
