package dev.vigil.stream;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.vigil.config.VigilConfig;
import dev.vigil.engine.Analysis;
import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.FaceEngine;
import dev.vigil.event.EventBus;
import dev.vigil.event.FrameEvent;
import dev.vigil.event.EventSink;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.recognition.Decision;
import dev.vigil.track.Association;
import dev.vigil.track.Track;
import dev.vigil.track.Tracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live stream: its grabber thread, its latest-frame slot, and the analysis of its frames (detect and embed,
 * track, hand each track to the stream's {@link TrackStep}, annotate). The grabber offers a frame to the slot only when the stream is
 * due for analysis at its target fps, and asks the shared pool to schedule the stream; the pool runs at most one
 * analysis of a stream at a time, always on the newest frame.
 */
public final class VideoStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VideoStream.class);

    private final StreamSpec spec;
    private final VigilConfig.Streams settings;
    private final FaceEngine engine;
    private final TrackStep step;
    private final EventSink events;
    private final Consumer<VideoStream> schedule;
    private final FrameSlot slot = new FrameSlot();
    private final Grabber grabber;
    private final Thread grabberThread;
    private final long intervalNanos;
    private long nextDueNanos = System.nanoTime();

    /** Held by the one analysis running; close takes it to know no analysis uses the frames any more. */
    private final ReentrantLock analysis = new ReentrantLock();
    final AtomicBoolean scheduled = new AtomicBoolean();
    private final Tracker tracker;
    private final Annotator annotator;
    private final LiveView live = new LiveView();
    private final Mat scaled = new Mat();
    private final long[] grabbed = new long[1];
    private final RateMeter framesAnalysed = new RateMeter();
    private final LatencyWindow latency = new LatencyWindow();
    private volatile List<PersonInView> inView = List.of();
    private volatile boolean closed;

    VideoStream(StreamSpec spec, VigilConfig.Streams settings, FaceEngine engine, TrackStep step, EventSink events,
                Consumer<VideoStream> schedule) {
        this.spec = spec;
        this.settings = settings;
        this.engine = engine;
        this.step = step;
        this.events = events;
        this.schedule = schedule;
        this.intervalNanos = (long) (1e9 / spec.fps());
        this.tracker = new Tracker(new Association.Params(settings.trackMinIou(), settings.trackMinSimilarity()),
                settings.trackMaxMisses());
        this.annotator = new Annotator(settings.jpegQuality());
        var backoff = new Backoff((long) (settings.backoffMinSeconds() * 1000), (long) (settings.backoffMaxSeconds() * 1000));
        this.grabber = new Grabber(spec, backoff, settings.stallSeconds(), this::offer);
        this.grabberThread = new Thread(grabber, "grab-" + spec.name());
        grabberThread.setDaemon(true);
    }

    void start() {
        if (spec.enabled()) grabberThread.start();
    }

    public StreamSpec spec() {
        return spec;
    }

    /** The annotated view: newest JPEG and a way to wait for the next one. */
    public LiveView live() {
        return live;
    }

    /** Tracks seen in the latest analysed frame. */
    public List<PersonInView> inView() {
        return inView;
    }

    public StreamStatus status() {
        long now = System.nanoTime();
        long last = grabber.lastFrameMillis();
        StreamState state = spec.enabled() ? grabber.state() : StreamState.DISABLED;
        return new StreamStatus(state, grabber.lastError(), grabber.framesIn().perSecond(now), framesAnalysed.perSecond(now),
                grabber.framesIn().count(), framesAnalysed.count(), slot.dropped(), grabber.reconnects(),
                last == 0 ? null : Instant.ofEpochMilli(last), latency.percentile(50), latency.percentile(95));
    }

    /** Forgets the latency samples so far (the benchmark discards its warm-up this way). */
    public void resetLatency() {
        latency.clear();
    }

    /** Grabber thread: keep the frame if the stream is due for analysis, and ask for it to be scheduled. */
    private void offer(Mat bgr, long grabbedNanos) {
        if (grabbedNanos - nextDueNanos < 0) return;
        // Keep the long-run rate at fps, but never bank more than one interval of credit after a pause.
        nextDueNanos = Math.max(nextDueNanos + intervalNanos, grabbedNanos);
        slot.put(bgr, grabbedNanos);
        if (scheduled.compareAndSet(false, true)) schedule.accept(this);
    }

    boolean hasFreshFrame() {
        return slot.hasFresh();
    }

    /** Pool thread: analyse the newest frame, if any. */
    void analyseNewest() {
        analysis.lock();
        try {
            if (closed) return;
            Mat frame = slot.take(grabbed);
            if (frame == null) return;
            analyse(frame, grabbed[0]);
        } catch (RuntimeException e) {
            LOG.warn("stream {}: analysis failed", spec.name(), e);
        } finally {
            analysis.unlock();
        }
    }

    private void analyse(Mat frame, long grabbedNanos) {
        Mat input = frame;
        float scale = (float) spec.scale();
        if (scale < 1) {
            try (Size size = new Size(Math.max(1, Math.round(frame.cols() * scale)), Math.max(1, Math.round(frame.rows() * scale)))) {
                resize(frame, scaled, size, 0, 0, INTER_AREA);
            }
            input = scaled;
        }
        // Wraps the frame without owning it: the slot frees it.
        Analysis a = engine.analyze(new DecodedImage(input, scale, frame.cols(), frame.rows()), step.analysis());
        Tracker.Update update = tracker.update(a.faces());
        for (Track t : update.seen()) step.seen(t, grabbedNanos, box -> snapshot(frame, box));
        for (Track t : update.ended()) step.ended(t);
        List<PersonInView> persons = new ArrayList<>();
        for (Track t : tracker.tracks()) if (t.misses() == 0) persons.add(step.view(t));
        inView = List.copyOf(persons);
        events.publishFrame(frameEvent(persons));
        long done = System.nanoTime();
        latency.add((done - grabbedNanos) / 1e6);
        framesAnalysed.mark(done);
        if (live.watched()) live.publish(annotator.draw(frame, persons, 1f));
    }

    /** What the live feed shows for this frame: every face in view, undecided ones as UNKNOWN; none means NO_FACE. */
    private FrameEvent frameEvent(List<PersonInView> persons) {
        var now = EventBus.now();
        List<RecognitionEvent> faces = new ArrayList<>(persons.size());
        for (PersonInView p : persons) {
            faces.add(new RecognitionEvent(EventBus.newId(), now, "stream", spec.name(), p.trackId(),
                    p.decision() == null ? Decision.UNKNOWN : p.decision(), p.subjectId(), p.name(), p.confidence(), p.box(),
                    Float.NaN, Float.NaN, null));
        }
        return new FrameEvent("stream", spec.name(), now, faces);
    }

    /** The face with some margin, as JPEG; an event must stand on its own after the frame is gone. */
    private byte[] snapshot(Mat frame, BoundingBox box) {
        BoundingBox b = box.scaled(1.4f).clippedTo(frame.cols(), frame.rows());
        if (b.width() < 2 || b.height() < 2) return null;
        try (Rect r = new Rect(Math.round(b.x1()), Math.round(b.y1()), Math.round(b.width()) - 1, Math.round(b.height()) - 1);
             Mat crop = new Mat(frame, r)) {
            return annotator.draw(crop, List.of(), 1f);
        }
    }

    /** Stops the grabber, waits for it and for a running analysis, then frees the frames. */
    @Override
    public void close() {
        closed = true;
        grabber.stop();
        live.close();
        grabberThread.interrupt();
        try {
            grabberThread.join((long) (settings.stallSeconds() * 1000) + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (grabberThread.isAlive()) {
            // Freeing the slot under a grabber that still writes would crash the JVM: leak it instead.
            LOG.warn("stream {}: grabber did not stop; its frame buffers are left allocated", spec.name());
            return;
        }
        analysis.lock();
        try {
            slot.close();
            scaled.close();
            annotator.close();
        } finally {
            analysis.unlock();
        }
    }
}
