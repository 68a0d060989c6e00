package dev.vigil.event;

/** Where one event stands with one webhook. */
public enum DeliveryStatus {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** The target answered 2xx. */
    DELIVERED,
    /** Not sent: the same person was sent to this target within its cooldown. */
    COOLDOWN,
    /** Given up: still failing {@code webhooks.giveUpHours} after the event. */
    FAILED,
    /** Not sent: the webhook or the subject was deleted before delivery. */
    CANCELLED
}
