package dev.vigil.node;

import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.Embedding;
import dev.vigil.engine.Eyes;
import java.time.Instant;

/**
 * What a node sends about one track: its best face so far, as numbers only. Immutable.
 *
 * @param node      the sending node; the centre takes it from the token (HTTP) or the subject (NATS), never from the body
 * @param stream    the node's stream name
 * @param trackId   the track within that stream (ids restart when the node restarts)
 * @param embedding the best face's embedding
 * @param box       that face in frame pixels
 * @param quality   its combined quality score in [0,1]
 * @param liveness  its liveness score in [0,1], NaN when not measured
 * @param eyes      its eye state, null when not measured
 * @param firstSeen when the node first saw the track
 * @param seen      when the node saw this face
 */
public record Observation(String node, String stream, long trackId, Embedding embedding, BoundingBox box, float quality,
                          float liveness, Eyes eyes, Instant firstSeen, Instant seen) {

    public Observation withNode(String name) {
        return new Observation(name, stream, trackId, embedding, box, quality, liveness, eyes, firstSeen, seen);
    }
}
