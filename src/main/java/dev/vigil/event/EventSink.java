package dev.vigil.event;

/** Where decisions go. Implementations must return quickly and never block the caller on I/O. */
@FunctionalInterface
public interface EventSink {
    /** One decision: logged, sent to webhooks and MQTT. */
    void publish(RecognitionEvent event);

    /**
     * Everything decided on one frame (or identify call), including frames with no face: what the live feed shows.
     * Producers call it once per processed frame, besides {@link #publish} for each decision; sinks that only want
     * decisions ignore it.
     */
    default void publishFrame(FrameEvent frame) {
    }
}
