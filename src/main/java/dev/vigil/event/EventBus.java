package dev.vigil.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans each decision out to every subscriber (event log, webhooks, WebSocket feed, MQTT, statistics). Subscribers
 * queue their own slow work, so publishing never waits on I/O; one that throws is logged and does not stop the others.
 */
public final class EventBus implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private final List<EventSink> subscribers = new CopyOnWriteArrayList<>();

    public void subscribe(EventSink subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(EventSink subscriber) {
        subscribers.remove(subscriber);
    }

    @Override
    public void publish(RecognitionEvent event) {
        for (EventSink s : subscribers) {
            try {
                s.publish(event);
            } catch (RuntimeException e) {
                LOG.warn("event subscriber {} failed on event {}", s, event.id(), e);
            }
        }
    }

    @Override
    public void publishFrame(FrameEvent frame) {
        for (EventSink s : subscribers) {
            try {
                s.publishFrame(frame);
            } catch (RuntimeException e) {
                LOG.warn("event subscriber {} failed on a frame of {}", s, frame.stream(), e);
            }
        }
    }

    /** A fresh event id: time-ordered enough for humans, unique for machines. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static Instant now() {
        return Instant.now();
    }
}
