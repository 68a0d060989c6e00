package dev.vigil.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where events, webhooks and the webhook outbox are kept durably. Every method is one transaction; one implementation
 * ({@code store.JdbcEventStore}) serves SQLite and PostgreSQL.
 */
public interface EventStore {

    /** An event to log, with its snapshot file (or null) and its first outbox rows. */
    record NewEvent(RecognitionEvent event, String snapshot, List<Delivery> deliveries) {
    }

    /** Writes the events and their deliveries in one transaction. */
    void append(List<NewEvent> events);

    EventQuery.Page query(EventQuery query);

    Optional<LoggedEvent> find(String eventId);

    List<Delivery> deliveries(String eventId);

    /** PENDING deliveries whose next attempt is due, oldest first. */
    List<Delivery> due(Instant now, int limit);

    void update(Delivery delivery);

    /**
     * Deletes events older than {@code cutoff}, then all but the newest {@code keep}, with their deliveries.
     *
     * @return the snapshot files of the deleted events, for the caller to delete
     */
    List<String> purge(Instant cutoff, long keep);

    /**
     * Erasure: deletes every event that names this subject, with its deliveries.
     *
     * @return the snapshot files of the deleted events, for the caller to delete
     */
    List<String> eraseSubject(String subjectId);

    long eventCount();

    /** Webhooks added over the API. */
    List<Webhook> webhooks();

    void addWebhook(Webhook webhook);

    /** Deletes the webhook and cancels its pending deliveries. False if there was none. */
    boolean deleteWebhook(String id);
}
