package dev.vigil.event;

import dev.vigil.config.VigilConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every decision to the event log, with its snapshot file and its webhook outbox rows, in one transaction per
 * batch; then applies retention. The publisher only enqueues. One thread owns the cooldown state.
 */
final class EventRecorder implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final EventStore store;
    private final WebhookRegistry webhooks;
    private final Path data;
    private final VigilConfig.Events config;
    private final Runnable deliveriesWaiting;
    private final SinkQueue<RecognitionEvent> queue;
    /** webhook id + person → when the last event about that person was queued for that webhook. */
    private final Map<String, Instant> lastSent = new HashMap<>();
    private Instant nextRetention = Instant.MIN;

    EventRecorder(EventStore store, WebhookRegistry webhooks, Path data, VigilConfig.Events config,
                  Runnable deliveriesWaiting) {
        this.store = store;
        this.webhooks = webhooks;
        this.data = data;
        this.config = config;
        this.deliveriesWaiting = deliveriesWaiting;
        this.queue = new SinkQueue<>("event-recorder", config.queue(), this::record);
    }

    @Override
    public void publish(RecognitionEvent event) {
        queue.offer(event);
    }

    long dropped() {
        return queue.dropped();
    }

    private void record(List<RecognitionEvent> batch) {
        if (!batch.isEmpty()) {
            Instant now = Instant.now();
            List<EventStore.NewEvent> rows = new ArrayList<>(batch.size());
            boolean anyPending = false;
            for (RecognitionEvent e : batch) {
                List<Delivery> deliveries = deliveries(e, now);
                anyPending |= deliveries.stream().anyMatch(d -> d.status() == DeliveryStatus.PENDING);
                rows.add(new EventStore.NewEvent(e, saveSnapshot(e), deliveries));
            }
            store.append(rows);
            if (anyPending) deliveriesWaiting.run();
        }
        if (!Instant.now().isBefore(nextRetention)) {
            applyRetention();
            nextRetention = Instant.now().plusSeconds(config.retentionCheckSeconds());
        }
    }

    /** One outbox row per webhook that wants this decision: PENDING, or COOLDOWN if the person was just sent. */
    private List<Delivery> deliveries(RecognitionEvent e, Instant now) {
        String person = e.subjectId() != null ? e.subjectId() : e.stream() != null && e.trackId() >= 0
                ? e.stream() + "#" + e.trackId() : null;
        List<Delivery> out = new ArrayList<>();
        for (Webhook w : webhooks.list()) {
            if (!w.decisions().contains(e.decision())) continue;
            DeliveryStatus status = DeliveryStatus.PENDING;
            if (person != null && w.cooldownSeconds() > 0) {
                String key = w.id() + "|" + person;
                Instant last = lastSent.get(key);
                if (last != null && Duration.between(last, e.time()).getSeconds() < w.cooldownSeconds()) {
                    status = DeliveryStatus.COOLDOWN;
                } else {
                    lastSent.put(key, e.time());
                }
            }
            out.add(Delivery.first(e.id(), w, status, now));
        }
        return out;
    }

    /** snapshots/yyyy-mm-dd/id.jpg under the data directory, or null when none is kept. */
    private String saveSnapshot(RecognitionEvent e) {
        if (!config.snapshots() || e.snapshot() == null) return null;
        String relative = "snapshots/" + e.time().atZone(ZoneOffset.UTC).toLocalDate() + "/" + e.id() + ".jpg";
        Path file = data.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, e.snapshot());
            return relative;
        } catch (IOException ex) {
            LOG.warn("cannot write snapshot {}; the event is logged without it", file, ex);
            return null;
        }
    }

    /** Erasure of a person: their events and the snapshots that show them. */
    void eraseSubject(String subjectId) {
        deleteSnapshots(store.eraseSubject(subjectId));
    }

    private void deleteSnapshots(List<String> files) {
        for (String f : files) {
            try {
                Files.deleteIfExists(data.resolve(f));
            } catch (IOException e) {
                LOG.warn("cannot delete snapshot {}", f, e);
            }
        }
    }

    private void applyRetention() {
        List<String> files = store.purge(Instant.now().minus(Duration.ofDays(config.retentionDays())), config.retentionMaxEvents());
        deleteSnapshots(files);
        if (!files.isEmpty()) LOG.debug("retention deleted {} snapshots", files.size());
        // Cooldowns past the longest cooldown are forgotten, so the map does not grow with every person ever seen.
        int longest = webhooks.list().stream().mapToInt(Webhook::cooldownSeconds).max().orElse(0);
        Instant horizon = Instant.now().minusSeconds(longest);
        lastSent.values().removeIf(t -> t.isBefore(horizon));
    }

    @Override
    public void close() {
        queue.close();
    }
}
