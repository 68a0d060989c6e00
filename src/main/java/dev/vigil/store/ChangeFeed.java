package dev.vigil.store;

import java.time.Duration;
import java.util.List;

/**
 * The gallery's changes in commit order, for servers that share one database and each keep their own in-memory
 * index: a server notes {@link #head()}, loads the index, then applies everything {@link #after} that, waking on
 * {@link #awaitChange}. A missed wake-up costs only latency, never a change: the sequence is the truth.
 */
public interface ChangeFeed {

    /** The sequence number of the newest change, 0 when there is none. */
    long head();

    /** Up to {@code limit} changes after {@code seq}, oldest first. */
    List<GalleryChange> after(long seq, int limit);

    /** Waits until some server may have committed a change, or {@code timeout} passes; false on timeout. */
    boolean awaitChange(Duration timeout) throws InterruptedException;
}
