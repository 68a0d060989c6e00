package dev.vigil.node;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the disk buffer to the uplink, oldest first, in batches. While the centre cannot be reached it waits with
 * doubling pauses (up to 30 s) and the buffer fills; a batch the centre refuses for good is dropped and counted, so
 * one bad item cannot block everything behind it.
 */
final class OutboxSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final long MIN_PAUSE_MS = 500, MAX_PAUSE_MS = 30_000;

    private final DiskBuffer outbox;
    private final Uplink uplink;
    private final int batchSize;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean online;
    private volatile boolean running = true;

    OutboxSender(DiskBuffer outbox, Uplink uplink, int batchSize) {
        this.outbox = outbox;
        this.uplink = uplink;
        this.batchSize = batchSize;
        this.thread = Thread.ofPlatform().name("node-sender").daemon().start(this::run);
    }

    private void run() {
        long pause = MIN_PAUSE_MS;
        while (running) {
            try {
                List<DiskBuffer.Item> batch = outbox.oldest(batchSize, 1000);
                if (batch.isEmpty()) continue;
                try {
                    uplink.send(batch);
                    outbox.remove(batch);
                    sent.addAndGet(batch.size());
                    online = true;
                    pause = MIN_PAUSE_MS;
                } catch (Uplink.Refused e) {
                    if (e.status == 401) throw e; // a bad token: keep everything, wait, and say so
                    LOG.warn("the centre refused a batch of {}; dropped: {}", batch.size(), e.getMessage());
                    outbox.remove(batch);
                    refused.addAndGet(batch.size());
                }
            } catch (IOException e) {
                if (online || pause == MIN_PAUSE_MS) LOG.warn("cannot deliver to the centre ({}); buffering on disk, {} waiting",
                        e.getMessage(), outbox.size());
                online = false;
                sleep(pause);
                pause = Math.min(MAX_PAUSE_MS, pause * 2);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("node sender failed; retrying", e);
                sleep(pause);
            }
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    long sent() {
        return sent.get();
    }

    long refused() {
        return refused.get();
    }

    boolean online() {
        return online;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        uplink.close();
    }
}
