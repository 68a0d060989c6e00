package dev.vigil.recognition;

/** What Vigil says about a face. */
public enum Decision {
    /** A known person, at or above the accept threshold. */
    PASS,
    /** The nearest known person is named, but below the accept threshold: not accepted. */
    REJECT,
    /** Nobody known is near (below the reject floor), or the gallery is empty. */
    UNKNOWN,
    /**
     * Not a decision about one face but an alert: an unknown person (an auto-profile or an unnamed track) was seen
     * often within a short time. Carried by the same events, so webhooks, the feed and MQTT deliver it like the others.
     */
    INTRUDER
}
