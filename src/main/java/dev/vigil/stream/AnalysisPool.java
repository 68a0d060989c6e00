package dev.vigil.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysis threads shared by every stream. A stream with a new frame joins the back of one FIFO queue, and is in
 * it at most once, so streams take turns: a busy stream cannot starve the others, and whichever frame a stream's turn
 * comes to is its newest.
 */
final class AnalysisPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisPool.class);
    private final LinkedBlockingQueue<VideoStream> ready = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    AnalysisPool(int threads) {
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "analysis-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Queues a stream that has just been marked scheduled. */
    void submit(VideoStream stream) {
        ready.add(stream);
    }

    private void work() {
        while (running) {
            VideoStream s;
            try {
                s = ready.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                s.analyseNewest();
            } catch (RuntimeException e) {
                LOG.warn("analysis of stream {} failed", s.spec().name(), e);
            } finally {
                s.scheduled.set(false);
                // A frame that arrived while this one was analysed would otherwise wait for the next frame after it.
                if (s.hasFreshFrame() && s.scheduled.compareAndSet(false, true)) submit(s);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : workers) t.interrupt();
        for (Thread t : workers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
