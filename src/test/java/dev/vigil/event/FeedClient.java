package dev.vigil.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.http.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real WebSocket client of {@code /ws/face-stream} (the JDK's). A stalled client asks for one message and then
 * never reads again, so the server's sends to it back up.
 */
final class FeedClient implements WebSocket.Listener, AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final boolean stalled;
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    private FeedClient(int port, String query, boolean stalled) {
        this.stalled = stalled;
        this.socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/face-stream" + query), this).join();
    }

    static FeedClient connect(int port, String query) {
        return new FeedClient(port, query, false);
    }

    static FeedClient stalled(int port, String query) {
        return new FeedClient(port, query, true);
    }

    List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(Http.JSON.readTree(partial.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            partial.setLength(0);
        }
        if (!stalled) webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.abort();
        http.close();
    }
}
