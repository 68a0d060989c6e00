package dev.vigil.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.VigilConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the webhook outbox: due deliveries are POSTed (signed) in parallel, and each outcome is written back, so
 * status is visible per event and a restart resumes where it stopped. A failure or timeout is retried with
 * exponential backoff until {@code giveUpHours} after the event. Delivery is at least once: a receiver deduplicates
 * by {@code event_id}.
 */
final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 32;

    private final EventStore store;
    private final WebhookRegistry webhooks;
    private final VigilConfig.Webhooks config;
    private final Predicate<String> subjectExists;
    private final HttpClient client;
    private final BlockingQueue<Boolean> wake = new ArrayBlockingQueue<>(1);
    private final Thread worker;
    private volatile boolean closed;

    /** @param subjectExists whether a subject is still in the gallery; events about deleted ones are not sent */
    WebhookDispatcher(EventStore store, WebhookRegistry webhooks, VigilConfig.Webhooks config,
                      Predicate<String> subjectExists) {
        this.store = store;
        this.webhooks = webhooks;
        this.config = config;
        this.subjectExists = subjectExists;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(config.timeoutMs())).build();
        this.worker = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::run);
    }

    /** New deliveries are waiting; called by the recorder after it wrote them. */
    void wake() {
        wake.offer(Boolean.TRUE);
    }

    private void run() {
        long idleMs = Math.min(1_000, config.retryInitialMs());
        while (!closed) {
            try {
                List<Delivery> due = store.due(Instant.now(), BATCH);
                if (due.isEmpty()) {
                    wake.poll(idleMs, TimeUnit.MILLISECONDS);
                    continue;
                }
                List<CompletableFuture<Delivery>> attempts = new ArrayList<>(due.size());
                for (Delivery d : due) attempts.add(attempt(d));
                for (CompletableFuture<Delivery> a : attempts) store.update(a.join());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("webhook delivery failed; retrying shortly", e);
                sleepQuietly(idleMs);
            }
        }
    }

    private CompletableFuture<Delivery> attempt(Delivery d) {
        Instant now = Instant.now();
        Optional<Webhook> target = webhooks.find(d.webhookId());
        if (target.isEmpty()) return CompletableFuture.completedFuture(d.ended(DeliveryStatus.CANCELLED, "webhook deleted"));
        Optional<LoggedEvent> logged = store.find(d.eventId());
        if (logged.isEmpty()) return CompletableFuture.completedFuture(d.ended(DeliveryStatus.CANCELLED, "event deleted"));
        RecognitionEvent event = logged.get().event();
        if (event.subjectId() != null && !subjectExists.test(event.subjectId())) {
            return CompletableFuture.completedFuture(d.ended(DeliveryStatus.CANCELLED, "subject deleted"));
        }
        if (now.isAfter(event.time().plus(Duration.ofHours(config.giveUpHours())))) {
            return CompletableFuture.completedFuture(d.ended(DeliveryStatus.FAILED, "gave up after " + d.attempts()
                    + " attempts: " + d.lastError()));
        }
        String body = body(event);
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.get().url()))
                .timeout(Duration.ofMillis(config.timeoutMs()))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Vigil")
                .header("X-Vigil-Event-Id", event.id())
                .header("X-Vigil-Webhook-Id", d.webhookId())
                .header(WebhookSignature.HEADER, WebhookSignature.header(target.get().secret(), now.getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) return d.delivered(response.statusCode(), Instant.now());
            Integer status = error == null ? response.statusCode() : null;
            String why = error == null ? "HTTP " + response.statusCode() : describe(error);
            return d.failed(status, why, Instant.now().plusMillis(
                    backoffMs(config.retryInitialMs(), config.retryMaxMs(), d.attempts() + 1)));
        });
    }

    /** Wait after the n-th failed attempt: {@code initialMs} doubled per further attempt, at most {@code maxMs}. */
    static long backoffMs(long initialMs, long maxMs, int failedAttempts) {
        long wait = initialMs;
        for (int i = 1; i < failedAttempts && wait < maxMs; i++) wait *= 2;
        return Math.min(wait, maxMs);
    }

    private static String describe(Throwable error) {
        Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String body(RecognitionEvent event) {
        try {
            return JSON.writeValueAsString(EventJson.payload(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
