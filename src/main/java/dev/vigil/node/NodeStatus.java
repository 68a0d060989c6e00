package dev.vigil.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What the centre knows of one node, as {@code GET /api/v1/nodes} lists it.
 *
 * @param lastSeen       last heartbeat or observation, null if never heard from
 * @param active         heard from within the inactivity limit
 * @param health         the last heartbeat's body (version, streams, queue depth, CPU), null before the first
 * @param received       observations offered to the central queue
 * @param shed           of those, dropped because the node's lane was full
 * @param waiting        of those, queued now
 * @param queueWaitP95Ms 95th percentile of the time its recent observations waited in the queue, NaN before any
 */
public record NodeStatus(String name, Instant lastSeen, boolean active, JsonNode health, long received, long shed,
                         int waiting, double queueWaitP95Ms) {
}
