package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code vigil serve} process is killed with SIGKILL in the middle of a ZIP import. After a restart, every
 * template the import had reported as enrolled is there, and the database is consistent.
 */
class CrashSafetyTest {
    @TempDir
    static Path serverLogs;

    @Test
    void killingTheServerMidImportLosesNothingThatWasReported(@TempDir Path data) throws Exception {
        int port = ServerProcess.freePort();
        byte[] zip = zipOfPortraits(60);
        ServerProcess server = ServerProcess.start(port, data, serverLogs);
        List<String> reported = new ArrayList<>();
        try {
            Http http = server.http;
            Iterator<String> lines = http.postStreaming("/api/v1/subjects/import?stream=true",
                    Http.form().file("zip", "people.zip", zip)).iterator();
            while (lines.hasNext() && reported.size() < 8) {
                JsonNode line = Http.JSON.readTree(lines.next());
                if ("enrolled".equals(line.path("status").asText())) reported.add(line.path("template_id").asText());
            }
        } finally {
            server.kill(); // no shutdown hook, no WAL checkpoint
        }
        assertThat(reported).hasSize(8);

        Path db = data.resolve("vigil.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var st = c.createStatement()) {
            try (var rs = st.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
            try (var rs = st.executeQuery("PRAGMA foreign_key_check")) {
                assertThat(rs.next()).as("orphaned rows").isFalse();
            }
            try (var rs = st.executeQuery("SELECT COUNT(*) FROM templates WHERE length(embedding) <> 2048")) {
                rs.next();
                assertThat(rs.getInt(1)).as("half-written embeddings").isZero();
            }
        }

        try (ServerProcess again = ServerProcess.start(port, data, serverLogs)) {
            Http http = again.http;
            long templates = http.get("/health").json().path("templates").asLong();
            assertThat(templates).isGreaterThanOrEqualTo(reported.size())
                    .as("the kill came before the import finished").isLessThan(60);
            List<String> present = new ArrayList<>();
            for (JsonNode s : http.get("/api/v1/subjects?limit=1000").json().path("subjects")) {
                http.get("/api/v1/subjects/" + s.path("id").asText()).json().path("templates")
                        .forEach(t -> present.add(t.path("id").asText()));
            }
            assertThat(present).containsAll(reported);
            assertThat((long) present.size()).isEqualTo(templates);
        }
    }

    /**
     * Twenty SIGKILLs at random moments while enrolments, identifications and a looped file stream run at once. After
     * every kill the database passes SQLite's integrity and foreign-key checks, holds no half-written embedding, and
     * still has every template whose enrolment the server had acknowledged.
     */
    @Test
    void twentyRandomKillsUnderMixedLoadLoseNoAcknowledgedWrite(@TempDir Path data) throws Exception {
        int port = ServerProcess.freePort();
        List<byte[]> portraits = new ArrayList<>();
        for (int f = 0; f < 4; f++) portraits.add(TestFaces.portrait(TestFaces.sample(4), f));
        byte[] probe = TestFaces.bytes(TestFaces.sample(4));
        Path clip = TestFaces.shared().resolve("video/short_hamilton_clip.mp4");
        var random = new java.util.Random(20261125);
        List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int cycle = 0; cycle < 20; cycle++) {
            ServerProcess server = ServerProcess.start(port, data, serverLogs);
            var load = java.util.concurrent.Executors.newFixedThreadPool(2);
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            try {
                Http http = server.http;
                if (cycle == 0 && Files.exists(clip)) {
                    // Stored, so every restart resumes it: stream load in every cycle from here on.
                    assertThat(http.postJson("/api/v1/streams", "{\"name\":\"crash-loop\",\"url\":\"" + clip
                            + "\",\"fps\":5,\"loop\":true}").status()).isEqualTo(201);
                }
                final int c = cycle;
                load.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        var r = http.post("/api/v1/enroll", Http.form().text("name", "k" + c + "-" + (i % 3))
                                .text("create", "true").file("image", "p.jpg", portraits.get(i % portraits.size())));
                        if (r.status() == 201) acknowledged.add(r.json().path("template").path("id").asText());
                    }
                    return null;
                });
                load.submit(() -> {
                    while (!stop.get()) http.post("/api/v1/identify", Http.form().file("image", "g.jpg", probe));
                    return null;
                });
                Thread.sleep(500 + random.nextInt(2500));
            } finally {
                server.kill();
                stop.set(true);
                load.shutdownNow();
                load.awaitTermination(30, TimeUnit.SECONDS);
            }
            List<String> present = new ArrayList<>();
            try (var conn = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("vigil.db")); var st = conn.createStatement()) {
                try (var rs = st.executeQuery("PRAGMA integrity_check")) {
                    rs.next();
                    assertThat(rs.getString(1)).as("integrity after kill %d", cycle).isEqualTo("ok");
                }
                try (var rs = st.executeQuery("PRAGMA foreign_key_check")) {
                    assertThat(rs.next()).as("orphaned rows after kill %d", cycle).isFalse();
                }
                try (var rs = st.executeQuery("SELECT id, length(embedding) FROM templates")) {
                    while (rs.next()) {
                        assertThat(rs.getInt(2)).as("embedding bytes").isEqualTo(2048);
                        present.add(rs.getString(1));
                    }
                }
            }
            assertThat(present).as("acknowledged templates after kill %d", cycle).containsAll(acknowledged);
        }
        assertThat(acknowledged).as("the load really enrolled").hasSizeGreaterThan(20);
    }

    private static byte[] zipOfPortraits(int count) {
        List<byte[]> portraits = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            int faces = TestFaces.analyze(TestFaces.sample(s), dev.vigil.engine.AnalyzeOptions.DETECT_ONLY).faces().size();
            for (int f = 0; f < faces; f++) portraits.add(TestFaces.portrait(TestFaces.sample(s), f));
        }
        var entries = new LinkedHashMap<String, byte[]>();
        for (int i = 0; i < count; i++) entries.put("person-" + i + ".jpg", portraits.get(i % portraits.size()));
        return Zips.of(entries);
    }
}
