package dev.vigil.stream;

import dev.vigil.config.VigilConfig;
import dev.vigil.event.FrameSource;
import dev.vigil.engine.FaceEngine;
import dev.vigil.event.EventSink;
import dev.vigil.recognition.Recognizer;
import dev.vigil.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every stream of the server: started from the store at boot (after the config's streams were written into it by
 * name), added and removed at runtime, persisted. Owns the shared analysis pool; closing it stops every stream.
 */
public final class StreamManager implements AutoCloseable, FrameSource {
    private final Store store;
    private final VigilConfig.Streams settings;
    private final FaceEngine engine;
    private final TrackStep.Factory steps;
    private final EventSink events;
    private final AnalysisPool pool;
    private final Map<String, VideoStream> streams = new LinkedHashMap<>();

    /** The server's streams: tracks are classified here against the gallery. */
    public StreamManager(Store store, VigilConfig.Streams settings, FaceEngine engine, Recognizer recognizer, EventSink events) {
        this(store, settings, engine, LocalClassifier.factory(recognizer, events, settings), events);
    }

    /**
     * Streams whose tracks go to {@code steps} (an edge node sends them to a server).
     *
     * @param events where each analysed frame's {@link dev.vigil.event.FrameEvent} goes
     */
    public StreamManager(Store store, VigilConfig.Streams settings, FaceEngine engine, TrackStep.Factory steps, EventSink events) {
        this.store = store;
        this.settings = settings;
        this.engine = engine;
        this.steps = steps;
        this.events = events;
        int threads = settings.analysisThreads() == 0 ? Runtime.getRuntime().availableProcessors() : settings.analysisThreads();
        this.pool = new AnalysisPool(threads);
    }

    /** Writes the config's streams into the store (matched by name) and starts every stored stream. */
    public StreamManager start() {
        List<StreamSpec> stored = store.streams();
        for (VigilConfig.Source s : settings.sources()) {
            String id = stored.stream().filter(x -> x.name().equals(s.name().strip())).map(StreamSpec::id).findFirst()
                    .orElseGet(() -> UUID.randomUUID().toString());
            store.saveStream(new StreamSpec(id, s.name(), s.url(), s.fps() == null ? StreamSpec.DEFAULT_FPS : s.fps(),
                    s.scale() == null ? 1 : s.scale(), Boolean.TRUE.equals(s.loop()), s.transport(), !Boolean.FALSE.equals(s.enabled())));
        }
        for (StreamSpec spec : store.streams()) open(spec);
        return this;
    }

    /** Stores and starts a new stream; its id is assigned here. A name already in use is refused. */
    public synchronized VideoStream add(StreamSpec spec) {
        if (findByName(spec.name()).isPresent()) throw new DuplicateStreamName(spec.name());
        StreamSpec withId = spec.withId(UUID.randomUUID().toString());
        store.saveStream(withId);
        return open(withId);
    }

    private synchronized VideoStream open(StreamSpec spec) {
        VideoStream s = new VideoStream(spec, settings, engine, steps.forStream(spec), events, pool::submit);
        streams.put(spec.id(), s);
        s.start();
        return s;
    }

    /** Stops and forgets the stream; false if there is none with this id. */
    public boolean remove(String id) {
        VideoStream s;
        synchronized (this) {
            s = streams.remove(id);
            if (s == null) return false;
            store.deleteStream(id);
        }
        s.close(); // waits for its grabber: outside the lock, so other streams can be listed meanwhile
        return true;
    }

    public synchronized List<VideoStream> streams() {
        return new ArrayList<>(streams.values());
    }

    public synchronized Optional<VideoStream> find(String id) {
        return Optional.ofNullable(streams.get(id));
    }

    public synchronized Optional<VideoStream> findByName(String name) {
        return streams.values().stream().filter(s -> s.spec().name().equals(name.strip())).findFirst();
    }

    /** For the WebSocket feed: the stream's latest annotated frame (asking keeps frames being encoded for a while). */
    @Override
    public Optional<byte[]> latestJpeg(String stream) {
        return findByName(stream).map(v -> v.live().poll()).map(LiveView.Jpeg::bytes);
    }

    @Override
    public void close() {
        List<VideoStream> all;
        synchronized (this) {
            all = new ArrayList<>(streams.values());
            streams.clear();
        }
        all.parallelStream().forEach(VideoStream::close);
        pool.close();
    }

    /** Another stream already has this name. */
    public static final class DuplicateStreamName extends RuntimeException {
        public DuplicateStreamName(String name) {
            super("a stream named '" + name + "' already exists");
        }
    }
}
