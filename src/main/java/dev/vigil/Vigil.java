package dev.vigil;

import dev.vigil.access.ApiKeys;
import dev.vigil.config.Calibration;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.eval.ThresholdStats;
import dev.vigil.event.EventBus;
import dev.vigil.event.EventOutputs;
import dev.vigil.event.FrameSource;
import dev.vigil.engine.Models;
import dev.vigil.gallery.Gallery;
import dev.vigil.gallery.IndexSync;
import dev.vigil.http.HttpServer;
import dev.vigil.learning.Learner;
import dev.vigil.http.Metrics;
import dev.vigil.node.NodeCentral;
import dev.vigil.node.NodeTokens;
import dev.vigil.recognition.FaceIndex;
import dev.vigil.recognition.Recognizer;
import dev.vigil.recognition.Thresholds;
import dev.vigil.store.DecisionLog;
import dev.vigil.store.JdbcEventStore;
import dev.vigil.store.JdbcStore;
import dev.vigil.store.Stores;
import dev.vigil.store.JdbcStreamLeases;
import dev.vigil.stream.LocalClassifier;
import dev.vigil.stream.StreamLeases;
import dev.vigil.stream.StreamManager;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Vigil server. {@link #start} brings the subsystems up in order; {@link #close} takes them down in reverse.
 */
public final class Vigil implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Vigil.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final HttpServer http;
    private final Gallery gallery;
    private final EventBus events;
    private final StreamManager streams;
    private final EventOutputs eventOutputs;
    private final Learner learner;
    private final FrameSource.Registry frames = new FrameSource.Registry();

    private Vigil(VigilConfig config) throws IOException {
        boolean ok = false;
        try {
            Path data = config.server().data();
            Files.createDirectories(data);
            // SQLite in the data directory, or a PostgreSQL database shared with other servers; the event log and the
            // decision log run on the same database.
            JdbcStore store = own(Stores.open(config.database(), data));
            var keys = new ApiKeys(store, config.access().apiKey());
            requireKeyOffLoopback(config.server().host(), keys);
            var index = new FaceIndex();
            var engineCfg = config.engine();
            Path models = engineCfg.models().isBlank() ? Models.defaultDirectory() : Path.of(engineCfg.models());
            FaceEngine engine = own(FaceEngine.open(new EngineConfig(models, engineCfg.threads(), engineCfg.detectThreshold(),
                    EngineConfig.defaults().nmsIou())));
            var decoder = new ImageDecoder(engineCfg.maxImageSide(), engineCfg.maxImagePixels());
            gallery = new Gallery(store, index, engine, decoder, config.enrollment().minQuality());
            long t0 = System.nanoTime();
            var feed = store.changeFeed();
            if (feed.isPresent()) {
                own(IndexSync.loadAndFollow(gallery, feed.get(), Duration.ofMillis(config.database().pollMillis())));
            } else {
                gallery.loadIndex();
            }
            LOG.info("gallery: {} subjects, {} templates loaded in {} ms", store.subjectCount(), index.size(),
                    (System.nanoTime() - t0) / 1_000_000);
            var rec = config.recognition();
            events = new EventBus();
            learner = own(new Learner(config.learning(), gallery, store.database(), events, rec.accept()));
            var recognizer = new Recognizer(engine, index, id -> store.findSubject(id).map(s -> s.name()),
                    new Thresholds(rec.accept(), rec.rejectFloor()), rec.candidates(), learner.negatives());
            LOG.info("recognition thresholds: accept {}, reject floor {} ({})", rec.accept(), rec.rejectFloor(), thresholdSource(rec));
            var thresholdStats = own(new ThresholdStats(new DecisionLog(store.database()), recognizer.thresholds()));
            events.subscribe(thresholdStats);
            eventOutputs = own(new EventOutputs(config, new JdbcEventStore(store.database()), events,
                    data, frames, id -> store.findSubject(id).isPresent()));
            gallery.onErase(eventOutputs::eraseSubject);
            // Several servers on one database share the streams by lease; one server alone runs them all.
            StreamLeases leases = feed.isPresent()
                    ? new JdbcStreamLeases(store.database(), serverName(), Duration.ofSeconds(config.streams().leaseSeconds()), Clock.systemUTC())
                    : StreamLeases.ALL;
            streams = own(new StreamManager(store, config.streams(), engine, events, leases,
                    LocalClassifier.factory(recognizer, events, config.streams(), learner)).start());
            frames.add(streams);
            var nodes = own(new NodeCentral(config.nodes(), config.streams().cooldownSeconds(), new NodeTokens(store), recognizer,
                    events, eventOutputs.store()));
            http = own(new HttpServer(config, gallery, recognizer, decoder, new Metrics(), events, keys, streams,
                    thresholdStats, eventOutputs, learner, nodes)
                    .start(config.server().host(), config.server().port()));
            ok = true;
        } finally {
            if (!ok) close();
        }
    }

    /**
     * Biometric data must not be reachable from the network without a key: with no key configured, only a loopback
     * address may be bound.
     */
    private static void requireKeyOffLoopback(String host, ApiKeys keys) throws IOException {
        boolean loopback = InetAddress.getByName(host).isLoopbackAddress();
        if (keys.enabled()) return;
        if (!loopback) {
            throw new IllegalArgumentException("listening on " + host + " needs an API key: set VIGIL_API_KEY (16+ "
                    + "characters) or create one with 'vigil keys create NAME --role admin', then start again");
        }
        LOG.warn("no API key is configured: listening on {} only, without authentication. Create one with "
                + "'vigil keys create NAME --role admin' (or set VIGIL_API_KEY) before listening on other addresses.", host);
    }

    /** Says whether the thresholds are the shipped calibration or were set in config, so an operator can tell. */
    private static String thresholdSource(VigilConfig.Recognition rec) {
        Calibration c = Calibration.shipped();
        boolean shipped = rec.accept() == c.accept() && rec.rejectFloor() == c.rejectFloor();
        return shipped ? "shipped calibration on " + c.calibratedOn() + ", see " + c.report()
                : "set in configuration; the shipped calibration is accept " + c.accept() + ", reject floor " + c.rejectFloor();
    }

    /** This server among others: host name and a random suffix, since two may run on one host. */
    private static String serverName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "server";
        }
        return host + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    public static Vigil start(VigilConfig config) throws IOException {
        return new Vigil(config);
    }

    private <T extends AutoCloseable> T own(T resource) {
        started.push(resource);
        return resource;
    }

    public int port() {
        return http.port();
    }

    public Gallery gallery() {
        return gallery;
    }

    public StreamManager streams() {
        return streams;
    }

    /** Every decision, from any source, passes through here. */
    public EventBus events() {
        return events;
    }

    /** The event log, webhooks, live feed and MQTT. */
    public EventOutputs eventOutputs() {
        return eventOutputs;
    }

    /** Auto-profiles, best-N learning, pruning, negative examples and intruder alerts. */
    public Learner learner() {
        return learner;
    }

    /** Where WebSocket viewers get each stream's latest JPEG; the streams subsystem adds itself here. */
    public FrameSource.Registry frames() {
        return frames;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                LOG.warn("error while shutting down", e);
            }
        }
    }

}
