package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.TestFaces;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input gets a 4xx JSON error with a stable code, and the gallery is exactly as it was: same names,
 * same template count.
 */
class BadInputTest {
    static final long MAX_UPLOAD = 400_000, MAX_ZIP = 3_000_000;
    static final int MAX_ENTRIES = 20;
    static TestServer server;
    static Http http;
    static String aliceId;

    @BeforeAll
    static void start() {
        server = TestServer.start(MAX_UPLOAD, MAX_ZIP, MAX_ENTRIES);
        http = server.http;
        var r = http.post("/api/v1/enroll", Http.form().text("name", "alice").text("create", "true")
                .file("image", "alice.jpg", TestFaces.portrait(TestFaces.sample(1), 0)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        aliceId = r.json().path("subject").path("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Sends the request, checks status and code, and that the gallery did not change. */
    private static void refused(Supplier<Http.Response> request, int status, String code) {
        String namesBefore = http.get("/faces").body();
        String subjectBefore = http.get("/api/v1/subjects/" + aliceId).body();
        long templatesBefore = http.get("/health").json().path("templates").asLong();
        Http.Response r = request.get();
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().path("error").asText()).isEqualTo(code);
        assertThat(r.json().path("message").asText()).isNotBlank();
        assertThat(http.get("/faces").body()).isEqualTo(namesBefore);
        assertThat(http.get("/api/v1/subjects/" + aliceId).body()).isEqualTo(subjectBefore);
        assertThat(http.get("/health").json().path("templates").asLong()).isEqualTo(templatesBefore);
    }

    private static Http.Response enroll(String filename, byte[] image) {
        return http.post("/api/v1/subjects/" + aliceId + "/templates", Http.form().file("image", filename, image));
    }

    @Test
    void aCorruptImageIsRefused() {
        byte[] corrupt = TestFaces.portrait(TestFaces.sample(1), 0);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(png, 0, corrupt, 0, png.length);
        for (int i = png.length; i < Math.min(corrupt.length, 2000); i++) corrupt[i] = (byte) (i * 7);
        refused(() -> enroll("corrupt.png", corrupt), 400, "invalid_image");
        refused(() -> http.post("/api/v1/identify", Http.form().file("image", "corrupt.png", corrupt)), 400, "invalid_image");
    }

    @Test
    void aTruncatedJpegIsRefused() {
        byte[] photo = TestFaces.portrait(TestFaces.sample(1), 0);
        refused(() -> enroll("half.jpg", Arrays.copyOf(photo, photo.length / 2)), 400, "truncated_image");
    }

    @Test
    void aNonImageFileIsRefused() {
        refused(() -> enroll("report.pdf", "%PDF-1.4 not an image".getBytes(StandardCharsets.UTF_8)), 400, "invalid_image");
        refused(() -> http.post("/register", Http.form().text("name", "bob").file("image", "x.txt", "hello".getBytes(StandardCharsets.UTF_8))),
                400, "invalid_image");
    }

    @Test
    void aZeroByteUploadIsRefused() {
        refused(() -> enroll("empty.jpg", new byte[0]), 400, "empty_image");
        refused(() -> http.post("/api/v1/identify", Http.form().file("image", "empty.jpg", new byte[0])), 400, "empty_image");
    }

    @Test
    void anOversizedUploadIsRefused() {
        byte[] big = new byte[(int) MAX_UPLOAD + 1000];
        refused(() -> enroll("big.jpg", big), 413, "payload_too_large");
        // Larger than any part the server accepts at all: stopped by the multipart parser itself.
        byte[] huge = new byte[(int) MAX_ZIP + 500_000];
        refused(() -> http.post("/api/v1/identify", Http.form().file("image", "huge.jpg", huge)), 413, "payload_too_large");
    }

    @Test
    void missingFormFieldsAreRefused() {
        refused(() -> http.post("/api/v1/identify", Http.form().text("foo", "bar")), 400, "missing_field");
        refused(() -> http.post("/register", Http.form().file("image", "a.jpg", TestFaces.portrait(TestFaces.sample(1), 1))), 400, "missing_field");
        refused(() -> http.post("/register", Http.form().text("name", "bob")), 400, "missing_field");
        refused(() -> http.post("/unregister", Http.form()), 400, "missing_field");
        refused(() -> http.post("/register-faces", Http.form().text("name", "x")), 400, "missing_field");
        refused(() -> http.postJson("/api/v1/identify", "{}"), 400, "missing_field");
    }

    @Test
    void malformedJsonIsRefused() {
        refused(() -> http.postJson("/api/v1/subjects", "{\"name\": \"bob\""), 400, "malformed_json");
        refused(() -> http.postJson("/api/v1/subjects", "[1,2]"), 400, "malformed_json");
        refused(() -> http.patchJson("/api/v1/subjects/" + aliceId, "{name: alice2}"), 400, "malformed_json");
    }

    @Test
    void unknownIdsAreRefused() {
        refused(() -> http.get("/api/v1/subjects/no-such-id"), 404, "not_found");
        refused(() -> http.delete("/api/v1/subjects/no-such-id"), 404, "not_found");
        refused(() -> http.patchJson("/api/v1/subjects/no-such-id", "{\"name\":\"x\"}"), 404, "not_found");
        refused(() -> http.delete("/api/v1/subjects/" + aliceId + "/templates/no-such-template"), 404, "not_found");
        refused(() -> http.post("/api/v1/subjects/no-such-id/templates", Http.form().file("image", "a.jpg",
                TestFaces.portrait(TestFaces.sample(1), 1))), 404, "not_found");
        refused(() -> http.get("/api/v1/no-such-endpoint"), 404, "not_found");
    }

    @Test
    void aDuplicateNameIsRefused() {
        refused(() -> http.postJson("/api/v1/subjects", "{\"name\":\"alice\"}"), 409, "duplicate_name");
        var other = http.postJson("/api/v1/subjects", "{\"name\":\"carol\"}");
        String carol = other.json().path("id").asText();
        refused(() -> http.patchJson("/api/v1/subjects/" + carol, "{\"name\":\"alice\"}"), 409, "duplicate_name");
        http.delete("/api/v1/subjects/" + carol);
    }

    @Test
    void imagesThatCannotBeEnrolledSayWhy() {
        byte[] white;
        try (var m = new org.bytedeco.opencv.opencv_core.Mat(480, 640, org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                new org.bytedeco.opencv.opencv_core.Scalar(255, 255, 255, 0))) {
            white = TestFaces.encode(m, ".png");
        }
        byte[] noFace = white;
        refused(() -> enroll("white.png", noFace), 422, "no_face");
        refused(() -> enroll("group.jpg", TestFaces.bytes(TestFaces.sample(3))), 422, "several_faces");
        refused(() -> http.post("/api/v1/subjects/" + aliceId + "/templates", Http.form()
                .file("image", "g.jpg", TestFaces.bytes(TestFaces.sample(3))).text("face", "7")), 422, "no_such_face");
    }

    @Test
    void aZipWithParentOrAbsolutePathsIsRefusedWhole() {
        var escape = new LinkedHashMap<String, byte[]>();
        escape.put("good.jpg", TestFaces.portrait(TestFaces.sample(2), 2));
        escape.put("../../etc/evil.jpg", TestFaces.portrait(TestFaces.sample(2), 1));
        refused(() -> http.post("/api/v1/subjects/import", Http.form().file("zip", "a.zip", Zips.of(escape))), 400, "unsafe_zip_path");
        refused(() -> http.post("/register-faces", Http.form().file("zip", "a.zip", Zips.of(escape))), 400, "unsafe_zip_path");
        var absolute = new LinkedHashMap<String, byte[]>();
        absolute.put("good.jpg", TestFaces.portrait(TestFaces.sample(2), 2));
        absolute.put("/tmp/evil.jpg", TestFaces.portrait(TestFaces.sample(2), 1));
        refused(() -> http.post("/api/v1/subjects/import", Http.form().file("zip", "b.zip", Zips.of(absolute))), 400, "unsafe_zip_path");
    }

    @Test
    void zipBombsAreRefusedByEntryCountAndInflatedSize() {
        var many = new LinkedHashMap<String, byte[]>();
        for (int i = 0; i < MAX_ENTRIES + 5; i++) many.put("p" + i + ".jpg", new byte[] {1});
        refused(() -> http.post("/api/v1/subjects/import", Http.form().file("zip", "many.zip", Zips.of(many))), 400, "zip_too_many_entries");
        byte[] bomb = Zips.bomb(50L << 20); // 50 MB of zeros in a few tens of kilobytes
        assertThat(bomb.length).isLessThan(200_000);
        refused(() -> http.post("/api/v1/subjects/import", Http.form().file("zip", "bomb.zip", bomb)), 413, "zip_too_large");
    }

    @Test
    void aFileThatIsNotAZipIsRefused() {
        refused(() -> http.post("/api/v1/subjects/import", Http.form().file("zip", "x.zip", TestFaces.portrait(TestFaces.sample(1), 0))),
                400, "invalid_zip");
        refused(() -> http.post("/api/v1/subjects/import", Http.form().file("zip", "x.zip", new byte[0])), 400, "invalid_zip");
    }

    @Test
    void aZipWithNonImagesEnrollsTheRestAndReportsTheSkipped() {
        var mixed = new LinkedHashMap<String, byte[]>();
        mixed.put("mixed-person.jpg", TestFaces.portrait(TestFaces.sample(2), 2));
        mixed.put("readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
        mixed.put("photo.jpg.exe", new byte[] {0x4D, 0x5A});
        var r = http.post("/api/v1/subjects/import", Http.form().file("zip", "m.zip", Zips.of(mixed)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("enrolled").asInt()).isEqualTo(1);
        assertThat(r.json().path("skipped").asInt()).isEqualTo(2);
        assertThat(http.get("/faces").json().toString()).contains("mixed-person");
    }
}
