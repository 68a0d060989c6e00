package dev.vigil.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.Embedding;
import dev.vigil.engine.Eyes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's small rules: when to resend a track, the disk outbox, the wire form. */
class NodeRulesTest {

    static Embedding unit(float... v) {
        return Embedding.normalised(v);
    }

    @Test
    void aTrackIsSentFirstThenOnlyWhenItsEmbeddingMovedOrAClearlyBetterFaceCame() {
        Embedding e = unit(1, 0, 0);
        assertThat(Resend.due(null, e, 0.1f, 0.05f, 0.95f)).isTrue();
        var sent = new Resend.Sent(e, 0.5f);
        assertThat(Resend.due(sent, unit(1, 0.01f, 0), 0.52f, 0.05f, 0.95f)).as("nearly the same, hardly better").isFalse();
        assertThat(Resend.due(sent, e, 0.5f, 0.05f, 0.95f)).as("exactly what was sent").isFalse();
        assertThat(Resend.due(sent, unit(1, 1, 0), 0.5f, 0.05f, 0.95f)).as("the embedding moved").isTrue();
        assertThat(Resend.due(sent, unit(1, 0.01f, 0), 0.6f, 0.05f, 0.95f)).as("a clearly better face").isTrue();
    }

    @Test
    void theOutboxKeepsTheNewestWithinItsBoundOldestFirstAcrossRestarts(@TempDir Path dir) throws Exception {
        var buffer = new DiskBuffer(dir, 3);
        for (int i = 0; i < 5; i++) buffer.add(("obs" + i).getBytes(StandardCharsets.UTF_8));
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.dropped()).isEqualTo(2);
        var reopened = new DiskBuffer(dir, 3);
        List<DiskBuffer.Item> first = reopened.oldest(2, 0);
        assertThat(first).extracting(i -> new String(i.bytes(), StandardCharsets.UTF_8)).containsExactly("obs2", "obs3");
        reopened.remove(first);
        reopened.add("obs5".getBytes(StandardCharsets.UTF_8));
        assertThat(reopened.oldest(10, 0)).extracting(i -> new String(i.bytes(), StandardCharsets.UTF_8)).containsExactly("obs4", "obs5");
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(2);
        }
        assertThat(reopened.oldest(10, 0)).hasSize(2);
    }

    @Test
    void anObservationRoundTripsAndBadOnesAreRefusedWithAReason() {
        float[] v = new float[512];
        v[3] = 1;
        var o = new Observation(null, "door", 7, new Embedding(v), new BoundingBox(10, 20, 110, 120), 0.8f, 0.9f,
                new Eyes(1f, 0.9f), Instant.ofEpochMilli(1000), Instant.ofEpochMilli(2000));
        byte[] wire = ObservationJson.write(o);
        assertThat(wire.length).isLessThan(2048);
        var back = ObservationJson.read(wire);
        assertThat(back.embedding().cosine(o.embedding())).isGreaterThan(0.9999f);
        assertThat(back.stream()).isEqualTo("door");
        assertThat(back.trackId()).isEqualTo(7);
        assertThat(back.eyes()).isEqualTo(o.eyes());
        assertThat(back.seen()).isEqualTo(o.seen());
        String json = new String(wire, StandardCharsets.UTF_8);
        assertThat(catchMessage(json.replace("\"quality\":0.8", "\"quality\":7"))).contains("quality");
        assertThat(catchMessage(json.replace("\"stream\":\"door\"", "\"stream\":\"\""))).contains("stream");
        assertThat(catchMessage("{\"stream\":\"d\",\"embedding\":\"AAAAAA==\"}")).contains("embedding");
    }

    private static String catchMessage(String json) {
        try {
            ObservationJson.read(json.getBytes(StandardCharsets.UTF_8));
            return "accepted";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
