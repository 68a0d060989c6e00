package dev.vigil.node;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Publishes a node's observations to the JetStream stream on {@code <subject>.<node>}, waiting for each to be stored,
 * so what the stream did not take stays in the node's disk buffer. The stream is created by the central servers.
 */
final class NatsUplink implements Uplink {
    private final Connection nats;
    private final JetStream js;
    private final String subject;
    private final Supplier<String> node;

    /** @param node this node's name, null until the centre has told it (first heartbeat) */
    NatsUplink(String url, String subject, Supplier<String> node) throws IOException {
        try {
            this.nats = Nats.connect(new Options.Builder().server(url).maxReconnects(-1).connectionTimeout(Duration.ofSeconds(5)).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + url, e);
        }
        this.js = nats.jetStream();
        this.subject = subject;
        this.node = node;
    }

    @Override
    public void send(List<DiskBuffer.Item> batch) throws IOException {
        String name = node.get();
        if (name == null) throw new IOException("the node's name is not known yet (no heartbeat answered)");
        try {
            for (DiskBuffer.Item item : batch) js.publish(subject + "." + name, item.bytes());
        } catch (JetStreamApiException e) {
            throw new IOException("JetStream refused an observation: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
