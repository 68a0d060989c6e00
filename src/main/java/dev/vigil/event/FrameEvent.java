package dev.vigil.event;

import java.time.Instant;
import java.util.List;

/**
 * Everything decided on one frame of a stream, or in one identify call: what the live WebSocket feed shows. No
 * pixels travel here; a viewer that wants the picture gets the stream's latest JPEG from a {@link FrameSource}.
 *
 * @param source {@code "api"}, {@code "stream"} or {@code "node"}
 * @param stream stream name, null for API calls
 * @param time   when the frame was decided
 * @param faces  the faces on the frame, each as its decision; empty means no face (NO_FACE)
 */
public record FrameEvent(String source, String stream, Instant time, List<RecognitionEvent> faces) {
    public FrameEvent {
        faces = List.copyOf(faces);
    }
}
