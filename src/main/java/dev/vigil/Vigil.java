package dev.vigil;

import dev.vigil.config.VigilConfig;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.event.EventBus;
import dev.vigil.engine.Models;
import dev.vigil.gallery.Gallery;
import dev.vigil.gallery.IndexSync;
import dev.vigil.http.HttpServer;
import dev.vigil.http.Metrics;
import dev.vigil.recognition.FaceIndex;
import dev.vigil.recognition.Recognizer;
import dev.vigil.recognition.Thresholds;
import dev.vigil.store.Store;
import dev.vigil.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private Vigil(VigilConfig config) throws IOException {
        boolean ok = false;
        try {
            Path data = config.server().data();
            Files.createDirectories(data);
            Store store = own(Stores.open(config.database(), data));
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
            var recognizer = new Recognizer(engine, index, id -> store.findSubject(id).map(s -> s.name()),
                    new Thresholds(rec.accept(), rec.rejectFloor()), rec.candidates());
            events = new EventBus();
            http = own(new HttpServer(config, gallery, recognizer, decoder, new Metrics(), events)
                    .start(config.server().host(), config.server().port()));
            ok = true;
        } finally {
            if (!ok) close();
        }
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

    /** Every decision, from any source, passes through here. */
    public EventBus events() {
        return events;
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
