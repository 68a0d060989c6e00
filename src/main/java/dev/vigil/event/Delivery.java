package dev.vigil.event;

import java.time.Instant;

/**
 * One event's delivery to one webhook: a row of the outbox.
 *
 * @param nextAttempt    when a PENDING delivery is tried next
 * @param lastHttpStatus the target's last answer, null when it did not answer
 * @param lastError      why the last attempt failed, null after success
 * @param deliveredAt    when the target accepted it, null until then
 */
public record Delivery(String eventId, String webhookId, String url, DeliveryStatus status, int attempts,
                       Instant nextAttempt, Integer lastHttpStatus, String lastError, Instant deliveredAt) {

    static Delivery first(String eventId, Webhook target, DeliveryStatus status, Instant now) {
        return new Delivery(eventId, target.id(), target.url(), status, 0, now, null, null, null);
    }

    Delivery delivered(int httpStatus, Instant now) {
        return new Delivery(eventId, webhookId, url, DeliveryStatus.DELIVERED, attempts + 1, nextAttempt, httpStatus, null, now);
    }

    Delivery failed(Integer httpStatus, String error, Instant next) {
        return new Delivery(eventId, webhookId, url, DeliveryStatus.PENDING, attempts + 1, next, httpStatus, error, null);
    }

    Delivery ended(DeliveryStatus status, String reason) {
        return new Delivery(eventId, webhookId, url, status, attempts, nextAttempt, lastHttpStatus, reason, null);
    }
}
