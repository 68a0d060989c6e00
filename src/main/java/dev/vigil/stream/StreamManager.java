package dev.vigil.stream;

import dev.vigil.config.VigilConfig;
import dev.vigil.engine.FaceEngine;
import dev.vigil.event.EventSink;
import dev.vigil.event.FrameSource;
import dev.vigil.store.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every stream of the server: the stored streams (the config's are written into the store by name at boot), added
 * and removed at runtime, run here when this server holds their lease ({@link StreamLeases}: all of them for a server
 * alone). With shared leases it claims again every third of the lease: it starts what it gained, stops what it lost
 * or what another server deleted. Owns the shared analysis pool; closing it stops every stream and frees its leases.
 */
public final class StreamManager implements AutoCloseable, FrameSource {
    private static final Logger LOG = LoggerFactory.getLogger(StreamManager.class);

    /** A stored stream with who runs it: this server ({@code local} set) or another one ({@code owner}, maybe null). */
    public record Entry(StreamSpec spec, VideoStream local, String owner) {
    }

    private final Store store;
    private final VigilConfig.Streams settings;
    private final FaceEngine engine;
    private final TrackStep.Factory steps;
    private final EventSink events;
    private final StreamLeases leases;
    private final AnalysisPool pool;
    private final Map<String, VideoStream> running = new LinkedHashMap<>();
    private final ScheduledExecutorService renewer;
    private boolean closed;

    /**
     * @param steps  what each stream does with its tracks: the server classifies them ({@link LocalClassifier}), an edge
     *               node sends them to a server
     * @param events where each analysed frame's {@link dev.vigil.event.FrameEvent} goes
     */
    public StreamManager(Store store, VigilConfig.Streams settings, FaceEngine engine, EventSink events, StreamLeases leases,
                         TrackStep.Factory steps) {
        this.store = store;
        this.settings = settings;
        this.engine = engine;
        this.steps = steps;
        this.events = events;
        this.leases = leases;
        int threads = settings.analysisThreads() == 0 ? Runtime.getRuntime().availableProcessors() : settings.analysisThreads();
        this.pool = new AnalysisPool(threads);
        this.renewer = leases.shared() ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stream-leases");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Writes the config's streams into the store (matched by name) and starts the stored streams this server holds. */
    public StreamManager start() {
        List<StreamSpec> stored = store.streams();
        for (VigilConfig.Source s : settings.sources()) {
            String id = stored.stream().filter(x -> x.name().equals(s.name().strip())).map(StreamSpec::id).findFirst()
                    .orElseGet(() -> UUID.randomUUID().toString());
            store.saveStream(new StreamSpec(id, s.name(), s.url(), s.fps() == null ? StreamSpec.DEFAULT_FPS : s.fps(),
                    s.scale() == null ? 1 : s.scale(), Boolean.TRUE.equals(s.loop()), s.transport(), !Boolean.FALSE.equals(s.enabled())));
        }
        reconcile();
        if (renewer != null) {
            long every = Math.max(1000, settings.leaseSeconds() * 1000L / 3);
            renewer.scheduleWithFixedDelay(this::reconcileQuietly, every, every, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Stores a new stream (its id is assigned here) and starts it if this server gets its lease. */
    public Entry add(StreamSpec spec) {
        if (store.streams().stream().anyMatch(s -> s.name().equals(spec.name().strip()))) throw new DuplicateStreamName(spec.name());
        StreamSpec withId = spec.withId(UUID.randomUUID().toString());
        store.saveStream(withId);
        reconcile();
        return entry(withId.id()).orElseThrow();
    }

    /** Deletes the stream wherever it runs (its server stops it at its next claim); false if there is none. */
    public boolean remove(String id) {
        if (store.streams().stream().noneMatch(s -> s.id().equals(id))) return false;
        store.deleteStream(id);
        VideoStream s;
        synchronized (this) {
            s = running.remove(id);
        }
        if (s != null) s.close(); // waits for its grabber: outside the lock, so other streams can be listed meanwhile
        leases.release(Set.of(id));
        return true;
    }

    /**
     * Brings the running streams in line with the store and the leases: the database work first, then only the
     * changes under the lock, and stopping (which waits for a grabber) outside it.
     */
    private void reconcile() {
        List<StreamSpec> stored = store.streams();
        Set<String> wanted = new HashSet<>();
        for (StreamSpec s : stored) wanted.add(s.id()); // a disabled stream runs too, as a status that says so
        Set<String> held = leases.claim(wanted);
        List<VideoStream> stopped = new ArrayList<>();
        synchronized (this) {
            if (closed) return;
            for (var it = running.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!held.contains(e.getKey())) {
                    stopped.add(e.getValue());
                    it.remove();
                }
            }
            for (StreamSpec spec : stored) {
                if (held.contains(spec.id()) && !running.containsKey(spec.id())) {
                    VideoStream s = new VideoStream(spec, settings, engine, steps.forStream(spec), events, pool::submit);
                    running.put(spec.id(), s);
                    s.start();
                    if (leases.shared()) LOG.info("stream {} ({}) now runs on this server", spec.name(), spec.id());
                }
            }
        }
        for (VideoStream s : stopped) {
            if (leases.shared()) LOG.info("stream {} no longer runs on this server", s.spec().name());
            s.close();
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warn("stream lease renewal failed", e);
        }
    }

    /** Streams this server runs. */
    public synchronized List<VideoStream> streams() {
        return new ArrayList<>(running.values());
    }

    /** Every stored stream, with this server's instance where it runs here and the lease holder where it does not. */
    public List<Entry> entries() {
        List<StreamSpec> stored = store.streams();
        Map<String, String> owners = leases.shared() ? leases.owners() : Map.of();
        List<Entry> out = new ArrayList<>(stored.size());
        synchronized (this) {
            for (StreamSpec s : stored) out.add(new Entry(s, running.get(s.id()), owners.get(s.id())));
        }
        return out;
    }

    public Optional<Entry> entry(String id) {
        return entries().stream().filter(e -> e.spec().id().equals(id)).findFirst();
    }

    /** A stream running here. */
    public synchronized Optional<VideoStream> find(String id) {
        return Optional.ofNullable(running.get(id));
    }

    public synchronized Optional<VideoStream> findByName(String name) {
        return running.values().stream().filter(s -> s.spec().name().equals(name.strip())).findFirst();
    }

    /** For the WebSocket feed: the stream's latest annotated frame (asking keeps frames being encoded for a while). */
    @Override
    public Optional<byte[]> latestJpeg(String stream) {
        return findByName(stream).map(v -> v.live().poll()).map(LiveView.Jpeg::bytes);
    }

    @Override
    public void close() {
        if (renewer != null) renewer.shutdownNow();
        List<VideoStream> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(running.values());
            running.clear();
        }
        all.parallelStream().forEach(VideoStream::close);
        Set<String> ids = new HashSet<>();
        for (VideoStream s : all) ids.add(s.spec().id());
        leases.release(ids); // stopped first: the next server may start them at once
        pool.close();
    }

    /** Another stream already has this name. */
    public static final class DuplicateStreamName extends RuntimeException {
        public DuplicateStreamName(String name) {
            super("a stream named '" + name + "' already exists");
        }
    }
}
