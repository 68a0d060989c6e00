package dev.vigil.event;

/**
 * An event as the log holds it: the decision (without snapshot bytes) and where its snapshot is.
 *
 * @param snapshot snapshot file, relative to the data directory; null when none was kept
 */
public record LoggedEvent(RecognitionEvent event, String snapshot) {
}
