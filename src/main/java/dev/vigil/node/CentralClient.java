package dev.vigil.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The node's HTTP(S) connection to its central server, authenticated by the node token: observations in batches
 * ({@code POST /api/v1/nodes/ingest}) and heartbeats ({@code POST /api/v1/nodes/heartbeat}).
 */
final class CentralClient implements Uplink {
    static final String TOKEN_HEADER = "X-Node-Token";
    // HTTP/1.1: plain text on the wire, which anyone can inspect for what a node sends.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI ingest;
    private final URI heartbeat;
    private final String token;
    private final java.util.concurrent.atomic.AtomicLong bytesSent = new java.util.concurrent.atomic.AtomicLong();

    CentralClient(String server, String token) {
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new IllegalArgumentException("--server must be an http:// or https:// URL, not '" + server + "'");
        }
        this.ingest = URI.create(base + "/api/v1/nodes/ingest");
        this.heartbeat = URI.create(base + "/api/v1/nodes/heartbeat");
        this.token = token;
    }

    @Override
    public void send(List<DiskBuffer.Item> batch) throws IOException {
        var body = new ByteArrayOutputStream();
        body.writeBytes("{\"observations\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) body.write(',');
            body.writeBytes(batch.get(i).bytes());
        }
        body.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = body.toByteArray();
        post(ingest, bytes);
        bytesSent.addAndGet(bytes.length);
    }

    /** Bytes of observation batches delivered over HTTP (bodies only), for the heartbeat and the benchmark. */
    long bytesSent() {
        return bytesSent.get();
    }

    /** Reports health; the answer names this node (the centre knows it by the token). */
    String heartbeat(byte[] json) throws IOException {
        return ObservationJson.JSON.readTree(post(heartbeat, json)).path("node").asText();
    }

    private String post(URI uri, byte[] body) throws IOException {
        var req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header(TOKEN_HEADER, token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (r.statusCode() / 100 == 2) return r.body();
        String message = r.statusCode() + " from " + uri + ": " + r.body();
        if (r.statusCode() == 401 || r.statusCode() == 400 || r.statusCode() == 413) throw new Refused(r.statusCode(), message);
        throw new IOException(message);
    }

    @Override
    public void close() {
        http.close();
    }
}
