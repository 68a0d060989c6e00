package dev.vigil.gallery;

import dev.vigil.recognition.EmbeddingIndex;
import dev.vigil.store.ChangeFeed;
import dev.vigil.store.GalleryChange;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this server's index in step with changes other servers commit to a shared store. One thread follows the
 * feed: on each wake-up (a NOTIFY, or the poll interval as a safety net) it applies every change after the last one
 * applied, in order. Applying is idempotent (adding a template the index has, removing one it lacks), so this
 * server's own changes, which {@link Gallery} already applied, and changes that raced the start-up load do no harm.
 */
public final class IndexSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexSync.class);
    private static final int BATCH = 1000;

    private final ChangeFeed feed;
    private final EmbeddingIndex index;
    private final Duration poll;
    private final Thread thread;
    private volatile long applied;
    private volatile boolean closed;

    private IndexSync(ChangeFeed feed, EmbeddingIndex index, long from, Duration poll) {
        this.feed = feed;
        this.index = index;
        this.applied = from;
        this.poll = poll;
        this.thread = Thread.ofPlatform().name("vigil-index-sync").daemon().unstarted(this::follow);
    }

    /**
     * Loads the whole index from the store, then follows the feed from where the load began: changes committed
     * during the load are applied again, harmlessly.
     */
    public static IndexSync loadAndFollow(Gallery gallery, ChangeFeed feed, Duration poll) {
        long head = feed.head();
        gallery.loadIndex();
        var sync = new IndexSync(feed, gallery.index(), head, poll);
        sync.catchUp();
        sync.thread.start();
        return sync;
    }

    /** The sequence number of the last change applied. */
    public long applied() {
        return applied;
    }

    private void follow() {
        while (!closed) {
            try {
                feed.awaitChange(poll);
                catchUp();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database is away or failing: the next wake-up retries from the same place
                if (!closed) LOG.warn("index sync: {}", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private void catchUp() {
        List<GalleryChange> changes;
        do {
            changes = feed.after(applied, BATCH);
            for (GalleryChange c : changes) {
                apply(c);
                applied = c.seq();
            }
        } while (changes.size() == BATCH && !closed);
    }

    private void apply(GalleryChange c) {
        switch (c.kind()) {
            case TEMPLATE_ADDED -> {
                if (c.embedding() != null) index.add(c.templateId(), c.subjectId(), c.embedding());
            }
            case TEMPLATE_MOVED -> {
                index.remove(c.templateId());
                if (c.embedding() != null) index.add(c.templateId(), c.subjectId(), c.embedding());
            }
            case TEMPLATE_DELETED -> index.remove(c.templateId());
            case SUBJECT_DELETED -> index.removeSubject(c.subjectId());
            case SUBJECT_RENAMED -> {
                // the index holds ids only; names are read from the store when a decision is made
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
