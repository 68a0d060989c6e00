package dev.vigil.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.TestFaces;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.Face;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.http.TestServer;
import io.nats.client.Nats;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Two central servers share one JetStream work queue fed by two nodes; one server is stopped mid-run. Every
 * observation (each a track of its own) must be decided exactly once, by one server or the other.
 */
class NodeNatsTest {
    static final String NATS = "nats://127.0.0.1:4222";
    static final int PER_NODE = 150;

    @Test
    void twoServersDecideEveryTrackOfTwoNodesExactlyOnceThoughOneStopsMidRun() throws Exception {
        assumeTrue(reachable(), "skipped: no NATS at 127.0.0.1:4222");
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var nodes = config(run);
        Face face = TestFaces.analyze(TestFaces.sample(1), AnalyzeOptions.FULL).faces().get(0);
        List<RecognitionEvent> first = new CopyOnWriteArrayList<>(), second = new CopyOnWriteArrayList<>();
        TestServer a = TestServer.start(TestServer.config(TestServer.newDataDirectory()).withNodes(nodes));
        TestServer b = TestServer.start(TestServer.config(TestServer.newDataDirectory()).withNodes(nodes));
        a.vigil.events().subscribe(first::add);
        b.vigil.events().subscribe(second::add);
        try (var n1 = new NatsUplink(NATS, nodes.natsSubject(), () -> "n1"); var n2 = new NatsUplink(NATS, nodes.natsSubject(), () -> "n2")) {
            for (int i = 0; i < PER_NODE; i++) {
                n1.send(List.of(item(face, i)));
                n2.send(List.of(item(face, i)));
                if (i == PER_NODE / 2) a.close(); // server a goes away with whatever it had taken
                Thread.sleep(5);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && first.size() + second.size() < 2 * PER_NODE) Thread.sleep(100);
            // Past the ack wait: a late redelivery would show up as a second decision.
            Thread.sleep((long) (nodes.natsAckWaitSeconds() * 1000) + 500);

            Map<String, Integer> decided = new HashMap<>();
            List<RecognitionEvent> all = new ArrayList<>(first);
            all.addAll(second);
            for (RecognitionEvent e : all) decided.merge(e.stream() + "#" + e.trackId(), 1, Integer::sum);
            assertThat(decided).as("every track of both nodes decided").hasSize(2 * PER_NODE);
            assertThat(decided.values()).as("each exactly once").allMatch(c -> c == 1);
            assertThat(first).as("server a decided some before it stopped").isNotEmpty();
            assertThat(second).as("server b decided the rest").hasSizeGreaterThan(PER_NODE);
            assertThat(all).allMatch(e -> e.source().equals("node") && (e.stream().equals("n1/door") || e.stream().equals("n2/door")));
            // Every decision b made is in b's event log.
            assertThat(b.vigil.eventOutputs().store().eventCount()).isEqualTo(second.size());
        } finally {
            a.close();
            b.close();
            try (var nc = Nats.connect(NATS)) {
                nc.jetStreamManagement().deleteStream(nodes.natsStream());
            }
        }
    }

    private static VigilConfig.Nodes config(String run) {
        var n = VigilConfig.defaults().nodes();
        return new VigilConfig.Nodes(n.queuePerNode(), 1, n.inactiveSeconds(), n.heartbeatSeconds(), n.bufferMaxItems(),
                n.batchSize(), n.resendMinQualityGain(), n.resendMaxSimilarity(), NATS, "VIGIL_TEST_" + run, "vigiltest." + run, 2, 10_000);
    }

    private static boolean reachable() {
        try (var s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 4222), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** An observation as a node's outbox holds it: one per track, the same face, no gallery, so each is UNKNOWN. */
    private static DiskBuffer.Item item(Face f, int track) {
        var o = new Observation(null, "door", track, f.embedding(), f.box(), f.quality().score(), f.liveness(), f.eyes(),
                Instant.now(), Instant.now());
        return new DiskBuffer.Item(track, ObservationJson.write(o));
    }
}
