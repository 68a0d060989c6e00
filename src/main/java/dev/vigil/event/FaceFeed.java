package dev.vigil.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed behind {@code /ws/face-stream}: one seed-000 {@code face_event} message per frame. Each viewer has
 * its own bounded queue and sender thread; a viewer whose queue is full skips messages, and one that has skipped
 * {@link #DROP_AFTER_SKIPS} in a row is disconnected, so a slow viewer never delays the others or the publisher.
 */
public final class FaceFeed implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FaceFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int DROP_AFTER_SKIPS = 100;

    /** The connection to one viewer (a WebSocket session). */
    public interface Viewer {
        /** Blocks until sent; throws when the connection is gone. */
        void send(String text) throws Exception;

        /** Closes the connection at once, without waiting for the viewer. */
        void drop(String reason);
    }

    private final FrameSource frames;
    private final int viewerQueue;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final SinkQueue<FrameEvent> queue;
    private final AtomicLong skipped = new AtomicLong();

    FaceFeed(FrameSource frames, int viewerQueue) {
        this.frames = frames;
        this.viewerQueue = viewerQueue;
        this.queue = new SinkQueue<>("face-feed", 256, this::fanOut);
    }

    /**
     * @param streams stream names to receive; empty means every stream and identify calls
     * @param frames  whether messages carry the stream's latest JPEG
     */
    public Subscription subscribe(Viewer viewer, Set<String> streams, boolean frames) {
        var s = new Subscription(viewer, streams, frames);
        subscriptions.add(s);
        return s;
    }

    /** Decisions reach the feed inside their frames; a lone decision is not a frame. */
    @Override
    public void publish(RecognitionEvent event) {
    }

    @Override
    public void publishFrame(FrameEvent frame) {
        if (!subscriptions.isEmpty()) queue.offer(frame);
    }

    /** Messages skipped by slow viewers, in total. */
    public long skipped() {
        return skipped.get();
    }

    public int viewers() {
        return subscriptions.size();
    }

    private void fanOut(List<FrameEvent> batch) {
        for (FrameEvent f : batch) {
            String plain = null;
            String withFrame = null;
            for (Subscription s : subscriptions) {
                if (!s.wants(f.stream())) continue;
                if (s.frames && f.stream() != null) {
                    if (withFrame == null) {
                        withFrame = message(f, frames.latestJpeg(f.stream()).map(j -> Base64.getEncoder().encodeToString(j)).orElse(null));
                    }
                    s.offer(withFrame);
                } else {
                    if (plain == null) plain = message(f, null);
                    s.offer(plain);
                }
            }
        }
    }

    private static String message(FrameEvent f, String frameBase64) {
        try {
            return JSON.writeValueAsString(EventJson.faceEvent(f, frameBase64));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        queue.close();
        subscriptions.forEach(s -> s.close());
    }

    /** One viewer's subscription; change it with {@link #update}, end it with {@link #close}. */
    public final class Subscription implements AutoCloseable {
        private final Viewer viewer;
        private final BlockingQueue<String> outbox = new ArrayBlockingQueue<>(viewerQueue);
        private final Thread sender;
        private volatile Set<String> streams;
        private volatile boolean frames;
        private int skippedInARow; // touched only by the fan-out thread

        private Subscription(Viewer viewer, Set<String> streams, boolean frames) {
            this.viewer = viewer;
            this.streams = Set.copyOf(streams);
            this.frames = frames;
            // Platform threads: a sender blocked on a stalled socket must not pin one of few virtual-thread carriers.
            this.sender = Thread.ofPlatform().name("face-feed-viewer").daemon().start(this::send);
        }

        public void update(Set<String> streams, boolean frames) {
            this.streams = Set.copyOf(streams);
            this.frames = frames;
        }

        boolean wants(String stream) {
            Set<String> s = streams;
            return s.isEmpty() || stream != null && s.contains(stream);
        }

        private void offer(String message) {
            if (outbox.offer(message)) {
                skippedInARow = 0;
                return;
            }
            skipped.incrementAndGet();
            if (++skippedInARow == DROP_AFTER_SKIPS) {
                LOG.info("face feed: dropping a viewer that skipped {} messages in a row", DROP_AFTER_SKIPS);
                viewer.drop("too slow");
                close();
            }
        }

        private void send() {
            try {
                while (!Thread.currentThread().isInterrupted()) viewer.send(outbox.take());
            } catch (InterruptedException e) {
                // closed
            } catch (Exception e) {
                LOG.debug("face feed: viewer gone ({})", e.toString());
                subscriptions.remove(this);
            }
        }

        @Override
        public void close() {
            subscriptions.remove(this);
            sender.interrupt();
        }
    }
}
