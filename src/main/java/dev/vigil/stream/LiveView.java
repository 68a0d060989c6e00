package dev.vigil.stream;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The newest annotated JPEG of a stream, encoded once per analysed frame and shared by every viewer. Viewers wait for
 * a newer frame than the one they sent; a slow viewer simply skips frames, and the pipeline never waits for anyone.
 * Frames are only encoded while someone {@link #watch watches}.
 */
public final class LiveView {
    /** One encoded frame; {@code seq} grows by one per published frame. */
    public record Jpeg(long seq, byte[] bytes) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private final AtomicInteger watchers = new AtomicInteger();
    /** A feed that only polls keeps frames coming for this long after its last look. */
    private static final long POLL_LEASE_NANOS = 5_000_000_000L;
    private volatile long polledAt; // 0: never polled
    private volatile Jpeg latest;
    private boolean closed;

    /** The newest annotated JPEG, or null before the first one was encoded. */
    public Jpeg latest() {
        return latest;
    }

    /** Registers interest; close the handle when done. While any handle is open, each analysed frame is encoded. */
    public AutoCloseable watch() {
        watchers.incrementAndGet();
        var once = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (once.compareAndSet(false, true)) watchers.decrementAndGet();
        };
    }

    /** The newest frame for a poller that holds no handle; each look keeps frames encoded a few seconds more. */
    public Jpeg poll() {
        polledAt = System.nanoTime();
        return latest;
    }

    boolean watched() {
        long p = polledAt;
        return watchers.get() > 0 || p != 0 && System.nanoTime() - p < POLL_LEASE_NANOS;
    }

    void publish(byte[] jpeg) {
        lock.lock();
        try {
            Jpeg prev = latest;
            latest = new Jpeg(prev == null ? 1 : prev.seq() + 1, jpeg);
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The first frame newer than {@code afterSeq}, or null after the timeout or once the stream is closed. */
    public Jpeg next(long afterSeq, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!closed && (latest == null || latest.seq() <= afterSeq)) {
                if (nanos <= 0) return null;
                nanos = published.awaitNanos(nanos);
            }
            return closed ? null : latest;
        } finally {
            lock.unlock();
        }
    }

    public boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
