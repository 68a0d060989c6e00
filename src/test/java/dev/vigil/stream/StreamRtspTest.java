package dev.vigil.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RTSP streams against a real RTSP server on localhost: TCP and UDP, a server killed and restarted, a stalled one. */
class StreamRtspTest {
    static TestServer server;
    static Http http;
    static RtspRelay relay;

    @BeforeAll
    static void start() throws Exception {
        relay = new RtspRelay(FfmpegProgram.clip());
        server = TestServer.start();
        http = server.http;
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (relay != null) relay.close();
    }

    @Test
    void anRtspStreamGoesLiveOverTcpAndUdpAndComesBackWithin10sAfterItsServerIsRestarted() throws Exception {
        int port = relay.serve(0);
        String url = "rtsp://127.0.0.1:" + port + "/live";
        String tcp = Streams.create(http, "{\"name\":\"rtsp-tcp\",\"url\":" + Streams.q(url) + ",\"fps\":4}");
        String udp = Streams.create(http, "{\"name\":\"rtsp-udp\",\"url\":" + Streams.q(url) + ",\"fps\":2,\"transport\":\"udp\"}");
        Streams.await(http, tcp, Duration.ofSeconds(20), "live with analysed frames",
                s -> s.get("state").asText().equals("live") && s.get("frames_analysed").asLong() > 3);
        Streams.await(http, udp, Duration.ofSeconds(20), "live over UDP",
                s -> s.get("state").asText().equals("live") && s.get("frames_in").asLong() > 10);
        http.delete("/api/v1/streams/" + udp);

        relay.kill();
        Streams.await(http, tcp, Duration.ofSeconds(15), "reconnecting after the server died",
                s -> s.get("state").asText().equals("reconnecting") && s.get("reconnects").asLong() >= 1);
        relay.serve(port);
        long restarted = System.nanoTime();
        JsonNode back = Streams.await(http, tcp, Duration.ofSeconds(10), "live again", s -> s.get("state").asText().equals("live"));
        System.out.printf("RTSP stream live again %.1f s after the server restarted%n", (System.nanoTime() - restarted) / 1e9);
        assertThat(back.get("reconnects").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(back.get("last_error").asText()).isNotBlank();
        http.delete("/api/v1/streams/" + tcp);
    }

    @Test
    void aSourceThatAcceptsButSendsNothingIsDetectedAsStalled() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) held.add(silent.accept());
                } catch (java.io.IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String id = Streams.create(http, "{\"name\":\"stalled\",\"url\":\"rtsp://127.0.0.1:" + silent.getLocalPort() + "/x\"}");
            assertThat(http.get("/api/v1/streams/" + id).json().get("state").asText()).isEqualTo("connecting");
            JsonNode s = Streams.await(http, id, Duration.ofSeconds(20), "reconnecting after the stall timeout",
                    x -> x.get("reconnects").asLong() >= 1 && x.get("state").asText().equals("reconnecting"));
            assertThat(held).isNotEmpty();
            assertThat(s.get("last_error").isNull()).isFalse();
            assertThat(s.get("frames_in").asLong()).isZero();
            http.delete("/api/v1/streams/" + id);
        } finally {
            for (Socket socket : held) socket.close();
        }
    }
}
