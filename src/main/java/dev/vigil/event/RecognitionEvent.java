package dev.vigil.event;

import dev.vigil.engine.BoundingBox;
import dev.vigil.recognition.Decision;
import java.time.Instant;

/**
 * One recognition decision, from a stream's track or from an API call: what the event log, webhooks, the WebSocket
 * feed and MQTT carry.
 *
 * @param id          unique id (also the key for operator feedback)
 * @param time        when the decision was made
 * @param source      {@code "api"}, {@code "stream"} or {@code "node"}
 * @param stream      stream name, null for API calls
 * @param trackId     track within the stream, -1 for API calls
 * @param decision    PASS, REJECT or UNKNOWN
 * @param subjectId   the subject named (PASS or REJECT), null for UNKNOWN
 * @param subjectName that subject's name at decision time, null for UNKNOWN
 * @param similarity  best similarity to the gallery (0 with an empty gallery)
 * @param box         the face in frame or image pixels
 * @param quality     combined quality score in [0,1]
 * @param liveness    liveness score in [0,1], NaN when not measured
 * @param snapshot    JPEG of the face region, null when not kept
 */
public record RecognitionEvent(String id, Instant time, String source, String stream, long trackId, Decision decision,
                               String subjectId, String subjectName, float similarity, BoundingBox box, float quality,
                               float liveness, byte[] snapshot) {
}
