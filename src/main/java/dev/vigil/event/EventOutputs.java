package dev.vigil.event;

import dev.vigil.config.VigilConfig;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four ways events leave Vigil, subscribed to the bus: the event log (with the webhook outbox), webhook
 * delivery, the live WebSocket feed and MQTT. Started in that order, closed in reverse; closing drains what was
 * already accepted.
 */
public final class EventOutputs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventOutputs.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final EventBus bus;
    private final EventStore store;
    private final WebhookRegistry webhooks;
    private final EventRecorder recorder;
    private final FaceFeed feed;
    private final Path data;

    /**
     * @param data          the data directory; snapshots go under {@code snapshots/}
     * @param frames        the streams' latest JPEGs, for feed viewers that want frames
     * @param subjectExists whether a subject is still in the gallery (webhooks are not sent for deleted ones)
     */
    public EventOutputs(VigilConfig config, EventStore store, EventBus bus, Path data, FrameSource frames,
                        Predicate<String> subjectExists) {
        this.bus = bus;
        this.store = store;
        this.data = data;
        boolean ok = false;
        try {
            webhooks = new WebhookRegistry(store, config.webhooks());
            var dispatcher = own(new WebhookDispatcher(store, webhooks, config.webhooks(), subjectExists));
            recorder = subscribe(own(new EventRecorder(store, webhooks, data, config.events(), dispatcher::wake)));
            feed = subscribe(own(new FaceFeed(frames, config.events().feedClientQueue())));
            if (config.mqtt().enabled()) subscribe(own(new MqttPublisher(config.mqtt())));
            LOG.info("events: {} logged, {} webhooks, MQTT {}", store.eventCount(), webhooks.list().size(),
                    config.mqtt().enabled() ? config.mqtt().broker() : "off");
            ok = true;
        } finally {
            if (!ok) close();
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        started.push(resource);
        return resource;
    }

    private <T extends EventSink> T subscribe(T sink) {
        bus.subscribe(sink);
        return sink;
    }

    public EventStore store() {
        return store;
    }

    public WebhookRegistry webhooks() {
        return webhooks;
    }

    public FaceFeed feed() {
        return feed;
    }

    /** Erases a deleted person from the event log: their events, deliveries and snapshot files. */
    public void eraseSubject(String subjectId) {
        recorder.eraseSubject(subjectId);
    }

    /** The snapshot file of a logged event, if one was kept. */
    public Optional<Path> snapshotFile(LoggedEvent event) {
        return Optional.ofNullable(event.snapshot()).map(data::resolve);
    }

    /** Events dropped because the log's queue was full. */
    public long dropped() {
        return recorder.dropped();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            if (c instanceof EventSink s) bus.unsubscribe(s);
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("error while closing {}", c, e);
            }
        }
    }
}
