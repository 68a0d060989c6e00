package dev.vigil.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue with one worker thread that hands items on in batches. {@link #offer} never waits: when the queue
 * is full the item is dropped and counted, so a slow consumer never slows the publisher. {@link #close} drains what
 * was accepted.
 */
final class SinkQueue<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkQueue.class);
    private static final int BATCH = 256;

    private final String name;
    private final BlockingQueue<T> queue;
    private final Consumer<List<T>> handler;
    private final Thread worker;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    SinkQueue(String name, int capacity, Consumer<List<T>> handler) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.handler = handler;
        this.worker = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    boolean offer(T item) {
        if (closed || !queue.offer(item)) {
            if (dropped.incrementAndGet() % 1000 == 1) LOG.warn("{}: queue full, {} dropped so far", name, dropped.get());
            return false;
        }
        return true;
    }

    long dropped() {
        return dropped.get();
    }

    private void run() {
        List<T> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    handler.accept(List.of()); // an idle tick, for work on a timer
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                handler.accept(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("{}: failed on a batch of {}", name, batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
