package dev.vigil.stream;

import java.util.concurrent.locks.ReentrantLock;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The newest decoded frame of one stream, never a queue: the grabber overwrites it, the analysis takes it. Two
 * buffers are swapped under a lock that guards only a pointer swap and a pixel copy, so after the first frame nothing
 * is allocated. A frame overwritten before it was taken is counted as dropped.
 */
final class FrameSlot implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private Mat pending = new Mat();
    private Mat taken = new Mat();
    private long pendingNanos;
    private boolean fresh;
    private long dropped;
    private boolean closed;

    /** Copies {@code frame} in as the newest; returns false if it replaced a frame nobody took. */
    boolean put(Mat frame, long grabbedNanos) {
        lock.lock();
        try {
            if (closed) return true;
            boolean replaced = fresh;
            if (replaced) dropped++;
            frame.copyTo(pending);
            pendingNanos = grabbedNanos;
            fresh = true;
            return !replaced;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The newest frame if there is one not yet taken, else null; it stays valid until the next call of {@code take}
     * (by the one analysis of this stream at a time). {@code grabbedNanos[0]} receives when it was grabbed.
     */
    Mat take(long[] grabbedNanos) {
        lock.lock();
        try {
            if (!fresh || closed) return null;
            Mat t = taken;
            taken = pending;
            pending = t;
            fresh = false;
            grabbedNanos[0] = pendingNanos;
            return taken;
        } finally {
            lock.unlock();
        }
    }

    boolean hasFresh() {
        lock.lock();
        try {
            return fresh;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Frees the pixels; called only once neither the grabber nor an analysis uses the slot any more. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            pending.close();
            taken.close();
        } finally {
            lock.unlock();
        }
    }
}
