package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.Vigil;
import dev.vigil.config.VigilConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys, roles, sessions, audit, export and erasure, against a real server with a bootstrap admin key. */
class AccessTest {
    static final String BOOTSTRAP = "bootstrap-secret-for-tests-0123";
    static TestServer server;
    static Http anonymous, admin;

    @BeforeAll
    static void start() {
        // A high failed-auth limit here: the wrong-key probes below must not slow down the other tests.
        server = TestServer.start(new VigilConfig.Access(BOOTSTRAP, 50, 100, 1000, 12));
        anonymous = server.http;
        admin = anonymous.with("X-API-Key", BOOTSTRAP);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String createKey(String name, String role) {
        var r = admin.postJson("/api/v1/keys", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("role").asText()).isEqualTo(role);
        return r.json().path("key").asText();
    }

    private static byte[] portrait() {
        return TestFaces.portrait(TestFaces.sample(4), 0);
    }

    @Test
    void everyProtectedEndpointRefusesARequestWithoutAKey() {
        record Call(String method, String path) {
        }
        var calls = List.of(new Call("GET", "/api/v1/subjects"), new Call("POST", "/api/v1/subjects"),
                new Call("GET", "/api/v1/subjects/x"), new Call("PATCH", "/api/v1/subjects/x"),
                new Call("DELETE", "/api/v1/subjects/x"), new Call("GET", "/api/v1/subjects/x/export"),
                new Call("POST", "/api/v1/subjects/x/templates"), new Call("POST", "/api/v1/subjects/import"),
                new Call("POST", "/api/v1/enroll"), new Call("POST", "/api/v1/identify"), new Call("POST", "/api/v1/verify"),
                new Call("GET", "/api/v1/keys"), new Call("POST", "/api/v1/keys"), new Call("GET", "/api/v1/audit"),
                new Call("POST", "/register"), new Call("POST", "/unregister"), new Call("GET", "/faces"),
                new Call("POST", "/register-faces"), new Call("GET", "/metrics"));
        for (Call c : calls) {
            var r = anonymous.request(c.method(), c.path());
            assertThat(r.status()).as(c.method() + " " + c.path() + ": " + r.body()).isEqualTo(401);
            assertThat(r.json().path("error").asText()).isEqualTo("unauthorized");
            var wrong = anonymous.with("X-API-Key", "vgl_not-a-key").request(c.method(), c.path());
            assertThat(wrong.status()).as(c.method() + " " + c.path()).isEqualTo(401);
        }
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/v1/openapi.json").status()).isEqualTo(200);
    }

    @Test
    void eachRoleDoesItsOwnPartAndNothingElse() {
        Http viewer = anonymous.with("X-API-Key", createKey("viewer", "view"));
        Http door = anonymous.with("X-API-Key", createKey("door", "recognize"));
        var probe = Http.form().file("image", "p.jpg", portrait());

        assertThat(viewer.get("/api/v1/subjects").status()).isEqualTo(200);
        assertThat(viewer.get("/faces").status()).isEqualTo(200);
        assertThat(viewer.post("/api/v1/identify", probe).status()).isEqualTo(403);
        var refused = viewer.postJson("/api/v1/subjects", "{\"name\":\"x\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).contains("viewer", "view", "admin");
        assertThat(viewer.get("/api/v1/keys").status()).isEqualTo(403);

        assertThat(door.post("/api/v1/identify", probe).status()).isEqualTo(200);
        assertThat(door.get("/api/v1/subjects").status()).isEqualTo(403);
        assertThat(door.post("/register", Http.form().text("name", "x").file("image", "p.jpg", portrait())).status())
                .isEqualTo(403);
        assertThat(server.vigil.gallery().store().findSubjectByName("x")).isEmpty();
    }

    @Test
    void integrationsCarryKeysTheWayTheirOriginalsDoAndGetErrorsInTheirShape() {
        String secret = createKey("blue-iris", "recognize");
        var photo = Http.form().file("file", "p.jpg", portrait());
        var denied = anonymous.post("/api/v1/recognition/recognize", photo);
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.json().has("code")).isTrue(); // CompreFace's {"message", "code"}
        assertThat(anonymous.with("x-api-key", secret).post("/api/v1/recognition/recognize", photo).status()).isEqualTo(200);

        var image = Http.form().file("image", "p.jpg", portrait());
        var refused = anonymous.post("/v1/vision/face/recognize", image);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("success").asBoolean(true)).isFalse(); // DeepStack's {"success": false, "error"}
        var allowed = anonymous.post("/v1/vision/face/recognize", Http.form().text("api_key", secret)
                .file("image", "p.jpg", portrait()));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.json().path("success").asBoolean()).isTrue();
        // A recognize key cannot train through the compatibility API either.
        assertThat(anonymous.post("/v1/vision/face/register", Http.form().text("api_key", secret).text("userid", "x")
                .file("image", "p.jpg", portrait())).status()).isEqualTo(403);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnceAndSoDoItsSessions() {
        String secret = createKey("temp", "view");
        Http temp = anonymous.with("X-API-Key", secret);
        assertThat(temp.get("/api/v1/subjects").status()).isEqualTo(200);
        var login = anonymous.postJson("/api/v1/session", "{\"key\":\"" + secret + "\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String cookie = login.header("Set-Cookie");
        assertThat(cookie).contains("vigil_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        Http browser = anonymous.with("Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(browser.get("/api/v1/subjects").status()).isEqualTo(200);
        assertThat(browser.get("/api/v1/session").json().path("name").asText()).isEqualTo("temp");

        assertThat(admin.delete("/api/v1/keys/temp").status()).isEqualTo(200);
        assertThat(temp.get("/api/v1/subjects").status()).isEqualTo(401);
        assertThat(browser.get("/api/v1/subjects").status()).isEqualTo(401);
        assertThat(admin.delete("/api/v1/keys/temp").status()).isEqualTo(404);
    }

    @Test
    void keysAreStoredOnlyAsHashesAndListedWithoutSecrets() throws IOException {
        String secret = createKey("hashed", "view");
        var list = admin.get("/api/v1/keys");
        assertThat(list.body()).contains("hashed").doesNotContain(secret);
        assertThat(scan(server.data, secret)).isEmpty();
        assertThat(admin.postJson("/api/v1/keys", "{\"name\":\"hashed\",\"role\":\"view\"}").status()).isEqualTo(409);
        assertThat(admin.postJson("/api/v1/keys", "{\"name\":\"bad name!\"}").status()).isEqualTo(400);
        assertThat(admin.postJson("/api/v1/keys", "{\"name\":\"r\",\"role\":\"root\"}").status()).isEqualTo(400);
    }

    @Test
    void everyGalleryChangeIsAuditedWithWhoDidIt() {
        Http curator = anonymous.with("X-API-Key", createKey("curator", "admin"));
        var created = curator.postJson("/api/v1/subjects", "{\"name\":\"audited\"}");
        String id = created.json().path("id").asText();
        var enrolled = curator.post("/api/v1/subjects/" + id + "/templates", Http.form().file("image", "p.jpg", portrait()));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        String templateId = enrolled.json().path("template").path("id").asText();
        assertThat(curator.patchJson("/api/v1/subjects/" + id, "{\"name\":\"audited-2\"}").status()).isEqualTo(200);
        assertThat(curator.delete("/api/v1/subjects/" + id + "/templates/" + templateId).status()).isEqualTo(200);

        JsonNode entries = admin.get("/api/v1/audit?subject_id=" + id).json().path("entries");
        List<String> actions = new ArrayList<>();
        entries.forEach(e -> {
            actions.add(e.path("action").asText());
            assertThat(e.path("actor").asText()).isEqualTo("curator");
        });
        assertThat(actions).containsExactly("template.delete", "subject.rename", "template.enroll", "subject.create");
    }

    @Test
    void exportHoldsEverythingStoredAboutAPersonAndErasureLeavesNoTraceOfThem() throws Exception {
        var enrolled = admin.post("/api/v1/enroll", Http.form().text("name", "erase-me").text("create", "true")
                .file("image", "p.jpg", portrait()));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        String id = enrolled.json().path("subject").path("id").asText();
        assertThat(admin.patchJson("/api/v1/subjects/" + id, "{\"name\":\"erase-me-please\"}").status()).isEqualTo(200);
        // A recognition of them leaves an event and a threshold-statistics row naming them.
        assertThat(admin.post("/api/v1/identify", Http.form().file("image", "p.jpg", portrait())).body()).contains(id);
        long deadline = System.currentTimeMillis() + 10_000;
        while (admin.get("/api/v1/events?subject=erase-me-please").json().path("events").isEmpty()) {
            assertThat(System.currentTimeMillis()).as("the event reaches the log").isLessThan(deadline);
            Thread.onSpinWait();
        }

        var export = admin.get("/api/v1/subjects/" + id + "/export");
        assertThat(export.status()).isEqualTo(200);
        JsonNode t = export.json().path("templates").get(0);
        assertThat(t.path("embedding")).hasSize(512);
        assertThat(t.path("crop_jpeg_base64").asText()).isNotEmpty();
        assertThat(export.json().path("audit")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(scan(server.data, id)).isNotEmpty(); // the scan can see the person while they exist

        assertThat(admin.delete("/api/v1/subjects/" + id).status()).isEqualTo(200);
        assertThat(scan(server.data, id)).isEmpty();
        assertThat(scan(server.data, "erase-me-please")).isEmpty();
        JsonNode last = admin.get("/api/v1/audit?limit=1").json().path("entries").get(0);
        assertThat(last.path("action").asText()).isEqualTo("subject.delete");
        assertThat(last.path("subject_id").isNull()).isTrue();
    }

    @Test
    void repeatedFailedLoginsFromOneAddressAreSlowedDown() {
        try (TestServer strict = TestServer.start(new VigilConfig.Access(BOOTSTRAP, 50, 100, 3, 12))) {
            Http wrong = strict.http.with("X-API-Key", "vgl_guess");
            for (int i = 0; i < 5; i++) assertThat(strict.http.get("/api/v1/subjects").status()).isEqualTo(401); // no key: not a guess
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) statuses.add(wrong.get("/api/v1/subjects").status());
            assertThat(statuses).containsExactly(401, 401, 401, 429, 429);
            assertThat(strict.http.with("X-API-Key", BOOTSTRAP).get("/api/v1/subjects").status()).isEqualTo(200);
        }
    }

    @Test
    void responsesCarrySecurityHeadersAndNoCorsGrant() {
        var r = admin.get("/api/v1/subjects");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void withoutAnyKeyTheServerOnlyListensOnLoopback() throws IOException {
        var d = VigilConfig.defaults();
        Path data = Files.createTempDirectory("vigil-open-");
        var open = d.withServer(new VigilConfig.Server("0.0.0.0", 0, data, 1 << 20, 1 << 20, 10));
        assertThatThrownBy(() -> Vigil.start(open)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs an API key");
        var keyed = open.withAccess(new VigilConfig.Access(BOOTSTRAP, 50, 100, 10, 12));
        try (Vigil v = Vigil.start(keyed)) {
            assertThat(new Http(v.port()).get("/api/v1/subjects").status()).isEqualTo(401);
        }
        try (TestServer local = TestServer.start()) {
            assertThat(local.http.get("/api/v1/subjects").status()).isEqualTo(200);
        }
    }

    /** Files under {@code dir} whose bytes contain {@code needle} (UTF-8). */
    private static List<Path> scan(Path dir, String needle) throws IOException {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return indexOf(Files.readAllBytes(f), n) >= 0;
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
