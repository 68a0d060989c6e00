package dev.vigil.stream;

import java.util.Map;
import java.util.Set;

/**
 * Which stored streams this server runs. One server runs them all ({@link #ALL}); servers sharing a PostgreSQL
 * database each run the streams whose lease they hold, so every camera is analysed by exactly one of them and taken
 * over by another when its server stops renewing.
 */
public interface StreamLeases extends AutoCloseable {

    /** A server alone: every stream is its own, nothing to renew. */
    StreamLeases ALL = new StreamLeases() {
        @Override
        public Set<String> claim(Set<String> wanted) {
            return wanted;
        }

        @Override
        public boolean shared() {
            return false;
        }
    };

    /**
     * Renews this server's leases among {@code wanted} and takes those that are free or expired.
     *
     * @return the streams this server holds now; on a database error, none (it stops rather than risk running a
     *         stream twice)
     */
    Set<String> claim(Set<String> wanted);

    /** Whether other servers compete for the streams, so they must be claimed again and again. */
    default boolean shared() {
        return true;
    }

    /** Which server holds each leased stream, for the status of streams run elsewhere. */
    default Map<String, String> owners() {
        return Map.of();
    }

    /** Gives up these leases at once (stream deleted, or server stopping), so another server can take them. */
    default void release(Set<String> streamIds) {
    }

    @Override
    default void close() {
    }
}
