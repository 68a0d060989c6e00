package dev.vigil.stream;

import java.util.Locale;

/** Where a stream's source is. */
public enum StreamState {
    /** Opening the source for the first time. */
    CONNECTING,
    /** Frames are arriving. */
    LIVE,
    /** The source failed or stalled; waiting to reopen it. */
    RECONNECTING,
    /** The source cannot work as given (a missing file, an unknown URL); not retried. */
    FAILED,
    /** A file without {@code loop} reached its end. */
    ENDED,
    /** Stored but not enabled. */
    DISABLED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
