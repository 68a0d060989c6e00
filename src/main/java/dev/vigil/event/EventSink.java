package dev.vigil.event;

/** Where decisions go. Implementations must return quickly and never block the caller on I/O. */
@FunctionalInterface
public interface EventSink {
    void publish(RecognitionEvent event);
}
