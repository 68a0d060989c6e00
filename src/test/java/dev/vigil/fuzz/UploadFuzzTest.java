package dev.vigil.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of what strangers can send: image uploads, ZIP imports and JSON bodies. Whatever the bytes,
 * the server answers 2xx or a 4xx JSON error, never a 5xx, and a refused request leaves the gallery as it was.
 *
 * <p>{@code mvn verify} replays the seed inputs and every crash ever found (kept under
 * {@code src/test/resources/dev/vigil/fuzz/UploadFuzzTestInputs/}); {@code .ci/run} then fuzzes each target for a
 * bounded time with {@code JAZZER_FUZZ=1}.
 */
class UploadFuzzTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(2L << 20, 4L << 20, 200);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static void assertClientErrorAtWorst(Http.Response r) {
        assertThat(r.status()).as(r.body()).isLessThan(500);
        if (r.status() >= 400) assertThat(r.json().path("error").asText()).isNotEmpty();
    }

    @FuzzTest(maxDuration = "60s")
    void imageUploadsNeverBreakTheServer(byte[] image) {
        if (image == null) image = new byte[0];
        assertClientErrorAtWorst(server.http.post("/api/v1/identify", Http.form().file("image", "f.jpg", image)));
    }

    @FuzzTest(maxDuration = "60s")
    void zipImportsNeverBreakTheServerOrPartiallyApplyARefusal(byte[] zip) {
        if (zip == null) zip = new byte[0];
        long before = server.vigil.gallery().store().templateCount();
        var r = server.http.post("/api/v1/subjects/import", Http.form().file("zip", "f.zip", zip));
        assertClientErrorAtWorst(r);
        if (r.status() >= 400) assertThat(server.vigil.gallery().store().templateCount()).isEqualTo(before);
    }

    @FuzzTest(maxDuration = "60s")
    void jsonBodiesNeverBreakTheServer(String body) {
        if (body == null) body = "";
        long before = server.vigil.gallery().store().subjectCount();
        var r = server.http.postJson("/api/v1/subjects", body);
        assertClientErrorAtWorst(r);
        if (r.status() >= 400) assertThat(server.vigil.gallery().store().subjectCount()).isEqualTo(before);
        assertClientErrorAtWorst(server.http.patchJson("/api/v1/subjects/00000000-0000-0000-0000-000000000000", body));
    }
}
