package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.store.PostgresTestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL database and one looped file stream: exactly one server runs it, and when that
 * server is killed (SIGKILL, so its lease is never released) the other takes the stream over within 15 s.
 */
class StreamFailoverTest {
    @TempDir
    Path logs;

    @Test
    void aKilledServersStreamIsTakenOverWithin15SecondsAndNeverRunsTwice(@TempDir Path dataA) throws Exception {
        Path clip = TestFaces.shared().resolve("video/short_hamilton_clip.mp4");
        assumeTrue(Files.exists(clip), "skipped: no video at " + clip);
        dev.vigil.stream.FfmpegProgram.path(); // skips, saying why, when FFmpeg's natives do not load
        try (PostgresTestDb db = PostgresTestDb.create("failover");
             TestServer b = TestServer.startOn(db.url)) {
            ServerProcess a = ServerProcess.start(ServerProcess.freePort(), dataA, logs, "--db", db.url);
            String id;
            try {
                var created = a.http.postJson("/api/v1/streams", "{\"name\":\"door\",\"url\":\"" + clip + "\",\"fps\":5,\"loop\":true}");
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                id = created.json().path("id").asText();
                await(() -> "live".equals(a.http.get("/api/v1/streams/" + id).json().path("state").asText()), 30, "A runs the stream");

                // Over two of B's lease renewals, B sees the stream but leaves it to A.
                long until = System.currentTimeMillis() + 7_000;
                while (System.currentTimeMillis() < until) {
                    JsonNode onB = b.http.get("/api/v1/streams/" + id).json();
                    assertThat(onB.path("state").asText()).as("B's view while A holds the lease").isEqualTo("remote");
                    assertThat(onB.path("owner").asText()).isNotBlank();
                    assertThat(b.vigil.streams().streams()).as("streams B runs").isEmpty();
                    Thread.sleep(500);
                }
            } finally {
                a.kill();
            }
            Instant killed = Instant.now();
            await(() -> b.vigil.streams().find(id).isPresent(), 15, "B takes the stream over");
            long tookOverMs = java.time.Duration.between(killed, Instant.now()).toMillis();
            await(() -> "live".equals(b.http.get("/api/v1/streams/" + id).json().path("state").asText()), 15, "the stream is live on B");
            System.out.printf("stream taken over %d ms after the kill%n", tookOverMs);
            assertThat(tookOverMs).isLessThan(15_000);
            // Decisions flow again, now from B, into the one shared event log.
            await(() -> {
                List<Instant> times = new ArrayList<>();
                b.http.get("/api/v1/events?stream=door&limit=500").json().path("events")
                        .forEach(e -> times.add(Instant.parse(e.path("time").asText())));
                return times.stream().anyMatch(t -> t.isAfter(killed));
            }, 45, "a decision made by B after the takeover");
            List<Instant> times = new ArrayList<>();
            b.http.get("/api/v1/events?stream=door&limit=500").json().path("events")
                    .forEach(e -> times.add(Instant.parse(e.path("time").asText())));
            times.sort(null);
            long widestGap = 0;
            for (int i = 1; i < times.size(); i++) widestGap = Math.max(widestGap, java.time.Duration.between(times.get(i - 1), times.get(i)).toMillis());
            System.out.printf("%d decisions on the stream; the widest gap between two is %d ms%n", times.size(), widestGap);
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Check check, int seconds, String what) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!check.ok()) {
            assertThat(System.currentTimeMillis()).as(what + " within " + seconds + " s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
