package dev.vigil.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.TestFaces;
import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.Embedding;
import dev.vigil.http.TestServer;
import dev.vigil.recognition.FaceIndex;
import dev.vigil.recognition.Recognizer;
import dev.vigil.recognition.Thresholds;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A node's observation that NATS delivers twice (its first server died after logging it but before acknowledging
 * it) is decided again by another server; both decisions carry the same event id, so the shared log keeps one.
 */
class NodeRedeliveryTest {

    @Test
    void anObservationDecidedOnTwoServersIsLoggedOnce() throws Exception {
        float[] v = new float[512];
        Random rnd = new Random(7);
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        var seen = Instant.parse("2026-11-25T04:00:00Z");
        var o = new Observation("pi", "door", 42, Embedding.normalised(v), new BoundingBox(10, 10, 110, 110), 0.9f, Float.NaN,
                null, seen, seen);
        var recognizer = new Recognizer(TestFaces.engine(), new FaceIndex(), id -> Optional.empty(), new Thresholds(0.52f, 0.24f), 5);
        try (TestServer server = TestServer.start()) {
            var first = new NodeClassifier(recognizer, server.vigil.events(), 60).classify(o);
            var again = new NodeClassifier(recognizer, server.vigil.events(), 60).classify(o);
            assertThat(first).isNotNull();
            assertThat(again.id()).isEqualTo(first.id());
            var other = new NodeClassifier(recognizer, server.vigil.events(), 60)
                    .classify(new Observation("pi", "door", 43, o.embedding(), o.box(), 0.9f, Float.NaN, null, seen, seen));
            assertThat(other.id()).isNotEqualTo(first.id());

            long deadline = System.currentTimeMillis() + 10_000;
            int logged;
            while ((logged = server.http.get("/api/v1/events?stream=pi/door").json().path("events").size()) < 2) {
                assertThat(System.currentTimeMillis()).as("both tracks reach the log").isLessThan(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(500); // a duplicate row, if any, would have been written by now
            logged = server.http.get("/api/v1/events?stream=pi/door").json().path("events").size();
            assertThat(logged).as("events for two tracks, one of them decided twice").isEqualTo(2);
        }
    }
}
