package dev.vigil.event;

import dev.vigil.config.VigilConfig;
import dev.vigil.recognition.Decision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The webhook targets: those of the config file (fixed, with ids derived from their URL so their outbox rows survive
 * a restart) and those added over the API (stored). Reads come from an immutable snapshot, so the event recorder and
 * the dispatcher never wait on a change.
 */
public final class WebhookRegistry {
    private final EventStore store;
    private final int defaultCooldown;
    private final List<Webhook> fromConfig;
    private volatile List<Webhook> all;

    WebhookRegistry(EventStore store, VigilConfig.Webhooks config) {
        this.store = store;
        this.defaultCooldown = config.cooldownSeconds();
        this.fromConfig = config.targets().stream().map(t -> new Webhook(configId(t.url()), t.url(), t.secret(),
                decisions(t.events()), t.cooldownSeconds() == null ? defaultCooldown : t.cooldownSeconds(), true,
                Instant.EPOCH)).toList();
        reload();
    }

    private void reload() {
        var list = new ArrayList<>(fromConfig);
        list.addAll(store.webhooks());
        all = List.copyOf(list);
    }

    public List<Webhook> list() {
        return all;
    }

    public Optional<Webhook> find(String id) {
        return all.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /**
     * Adds a webhook; {@code decisions} empty means PASS only, {@code cooldownSeconds} null means the configured
     * default. Refuses (IllegalArgumentException) what the config file would refuse.
     */
    public synchronized Webhook add(String url, String secret, List<String> decisions, Integer cooldownSeconds) {
        var checked = new VigilConfig.Webhooks.Target(url, secret, decisions, cooldownSeconds);
        var w = new Webhook(UUID.randomUUID().toString(), checked.url(), checked.secret(), decisions(checked.events()),
                cooldownSeconds == null ? defaultCooldown : cooldownSeconds, false, Instant.now());
        store.addWebhook(w);
        reload();
        return w;
    }

    /** Deletes an API webhook and cancels its pending deliveries; config webhooks cannot be deleted here. */
    public synchronized boolean remove(String id) {
        boolean removed = store.deleteWebhook(id);
        reload();
        return removed;
    }

    private static Set<Decision> decisions(List<String> names) {
        return names.stream().map(Decision::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    private static String configId(String url) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return "config-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
