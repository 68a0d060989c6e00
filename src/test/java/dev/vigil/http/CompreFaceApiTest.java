package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.event.RecognitionEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CompreFace's API as Double Take uses it (the exact requests of its compreface.js, read the way its normalize reads
 * them), then every endpoint round-tripped on real photos.
 */
class CompreFaceApiTest {
    static TestServer server;
    /** Double Take always sends its key; Vigil accepts it until API keys land. */
    static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = server.http.with("x-api-key", "00000000-0000-0000-0000-000000000002");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void emptyGallery() {
        assertThat(http.delete("/api/v1/recognition/subjects").status()).isEqualTo(200);
    }

    /** compreface.js train: multipart {@code file}, {@code subject} as a query parameter. */
    private static JsonNode train(String name, byte[] image) {
        var r = http.post("/api/v1/recognition/faces?subject=" + name, Http.form().file("file", name + ".jpg", image));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** compreface.js recognize: {@code face_plugins} interpolated into the URL (the string "undefined" when unset). */
    private static Http.Response recognize(String facePlugins, byte[] image) {
        return http.post("/api/v1/recognition/recognize?face_plugins=" + facePlugins + "&det_prob_threshold=0.8",
                Http.form().file("file", "frigate.jpg", image));
    }

    private static List<CompatFixtures.DoubleTakeFace> leftToRight(Http.Response r) {
        List<JsonNode> faces = new ArrayList<>();
        r.json().path("result").forEach(faces::add);
        faces.sort(Comparator.comparingDouble(f -> f.path("box").path("x_min").asDouble()));
        var sorted = Http.JSON.createObjectNode();
        sorted.set("result", Http.JSON.valueToTree(faces));
        return CompatFixtures.fromCompreFace(sorted);
    }

    @Test
    void doubleTakeTrainsRecognisesAndUntrainsTheWayItReadsCompreFace() {
        Path photo = TestFaces.sample(4);
        JsonNode trained = train("Alice", TestFaces.portrait(photo, 0));
        assertThat(trained.path("subject").asText()).isEqualTo("Alice");
        assertThat(trained.path("image_id").asText()).isNotBlank();
        train("Bob", TestFaces.portrait(photo, 3));

        var r = recognize("undefined", TestFaces.halfSize(photo));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<CompatFixtures.DoubleTakeFace> faces = leftToRight(r);
        assertThat(faces).hasSize(4);
        assertThat(faces.get(0).name()).isEqualTo("alice");
        assertThat(faces.get(0).match()).isTrue();
        assertThat(faces.get(3).name()).isEqualTo("bob");
        assertThat(faces.get(3).match()).isTrue();
        assertThat(faces.subList(1, 3)).noneMatch(CompatFixtures.DoubleTakeFace::match);

        // compreface.js remove: DELETE /faces?subject=, then Alice is nobody Double Take would match.
        var untrained = http.delete("/api/v1/recognition/faces?subject=Alice");
        assertThat(untrained.json().path("deleted").asInt()).isEqualTo(1);
        List<CompatFixtures.DoubleTakeFace> after = leftToRight(recognize("pose", TestFaces.halfSize(photo)));
        assertThat(after.get(0).name()).isNotEqualTo("alice");
        assertThat(after.get(0).match()).isFalse();
        assertThat(after.get(3).name()).isEqualTo("bob");
    }

    @Test
    void aPhotoWithoutAFaceIsCode28WhichDoubleTakeReadsAsNoFaces() {
        var r = recognize("undefined", CompatFixtures.blank());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("code").asInt()).isEqualTo(28);
        assertThat(r.json().path("message").asText()).isEqualTo("No face is found in the given image");
        assertThat(CompatFixtures.fromCompreFace(r.json())).isEmpty();
        for (String path : List.of("/api/v1/detection/detect", "/api/v1/recognition/faces?subject=x")) {
            var d = http.post(path, Http.form().file("file", "white.jpg", CompatFixtures.blank()));
            assertThat(d.status()).as(path).isEqualTo(400);
            assertThat(d.json().path("code").asInt()).as(path).isEqualTo(28);
        }
    }

    /** A face Vigil decides UNKNOWN names nobody; one it rejects names its nearest subject below Double Take's match. */
    @Test
    void strangersGetNoSubjectWhenVigilSaysUnknownAndNeverAMatch() {
        try (TestServer empty = TestServer.start()) {
            var r = empty.http.post("/api/v1/recognition/recognize", Http.form().file("file", "s.jpg", TestFaces.bytes(TestFaces.sample(3))));
            assertThat(r.json().path("result")).hasSize(3).allSatisfy(f -> assertThat(f.path("subjects")).isEmpty());
        }
        Path photo = TestFaces.sample(4);
        train("Alice", TestFaces.portrait(photo, 0));
        byte[] probe = TestFaces.halfSize(photo);
        var compat = recognize("undefined", probe).json().path("result");
        var nativ = server.http.post("/api/v1/identify", Http.form().file("image", "p.jpg", probe)).json().path("faces");
        assertThat(compat).hasSameSizeAs(nativ);
        for (JsonNode n : nativ) {
            JsonNode c = sameFace(compat, n);
            String decision = n.path("decision").asText();
            if (decision.equals("UNKNOWN")) assertThat(c.path("subjects")).isEmpty();
            if (decision.equals("REJECT")) assertThat(c.path("subjects").get(0).path("similarity").asDouble()).isLessThan(0.6);
            if (decision.equals("PASS")) assertThat(c.path("subjects").get(0).path("similarity").asDouble()).isGreaterThanOrEqualTo(0.9);
        }
        assertThat(nativ.findValuesAsText("decision")).contains("PASS");
    }

    /** With ../shared: Obama and Biden trained, unseen photos match, six strangers never do. */
    @Test
    void unseenPhotosMatchAndStrangersDoNotAsDoubleTakeReadsThem() {
        Path root = TestFaces.sharedFaces().resolve("face_recognition_examples");
        train("Obama", TestFaces.bytes(root.resolve("obama/obama.jpg")));
        train("Biden", TestFaces.bytes(root.resolve("biden/biden.jpg")));
        for (String unseen : List.of("obama/obama2.jpg", "obama/obama3.jpg", "biden/biden2.jpg")) {
            var faces = CompatFixtures.fromCompreFace(recognize("undefined", TestFaces.bytes(root.resolve(unseen))).json());
            assertThat(faces).as(unseen).anySatisfy(f -> {
                assertThat(f.match()).isTrue();
                assertThat(f.name()).isEqualTo(unseen.substring(0, unseen.indexOf('/')));
            });
        }
        for (String stranger : List.of("guido_van_rossum/guido_van_rossum1.jpg", "paul_allen/paul_allen.jpg",
                "steve_wozniak/steve_wozniak1.jpg", "kit_harington/john1.jpeg", "rose_leslie/img1.jpg", "alex_lacamoire/img1.jpg")) {
            var faces = CompatFixtures.fromCompreFace(recognize("undefined", TestFaces.bytes(root.resolve(stranger))).json());
            assertThat(faces).as(stranger).noneMatch(CompatFixtures.DoubleTakeFace::match);
        }
    }

    @Test
    void recognizeHonoursLimitPredictionCountPluginsStatusAndBase64AndPublishesEvents() {
        Path photo = TestFaces.sample(4);
        train("Alice", TestFaces.portrait(photo, 0));
        train("Bob", TestFaces.portrait(photo, 3));
        var published = new CopyOnWriteArrayList<RecognitionEvent>();
        dev.vigil.event.EventSink sink = published::add;
        server.vigil.events().subscribe(sink);
        try {
            var r = http.post("/api/v1/recognition/recognize?limit=1&face_plugins=landmarks,calculator,pose,age&status=true",
                    Http.form().file("file", "p.jpg", TestFaces.halfSize(photo)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("result")).hasSize(1);
            assertThat(published).hasSize(1);
            JsonNode face = r.json().path("result").get(0);
            assertThat(face.path("box").path("probability").asDouble()).isBetween(0.65, 1.0);
            assertThat(face.path("landmarks")).hasSize(5);
            assertThat(face.path("embedding")).hasSize(512);
            assertThat(face.path("pose").has("yaw")).isTrue();
            assertThat(face.has("age")).isFalse();
            assertThat(face.path("execution_time").has("detector")).isTrue();
            assertThat(r.json().path("plugins_versions").has("calculator")).isTrue();

            // One entry per subject, best first; Bob is listed (below any match) because two were asked for.
            var two = http.post("/api/v1/recognition/recognize?prediction_count=2", Http.form().file("file", "a.jpg", TestFaces.portrait(photo, 0)));
            JsonNode subjects = two.json().path("result").get(0).path("subjects");
            assertThat(subjects.findValuesAsText("subject")).containsExactly("Alice", "Bob");
            assertThat(subjects.get(0).path("similarity").asDouble()).isGreaterThanOrEqualTo(0.9);
            assertThat(subjects.get(1).path("similarity").asDouble()).isLessThan(0.6);
            assertThat(recognize("undefined", TestFaces.portrait(photo, 0)).json().path("result").get(0).path("subjects")).hasSize(1);
            published.clear();

            String b64 = Base64.getEncoder().encodeToString(TestFaces.portrait(photo, 3));
            var json = http.postJson("/api/v1/recognition/recognize", "{\"file\":\"" + b64 + "\"}");
            assertThat(json.status()).as(json.body()).isEqualTo(200);
            JsonNode only = json.json().path("result").get(0);
            assertThat(only.path("subjects")).hasSize(1);
            assertThat(only.path("subjects").get(0).path("subject").asText()).isEqualTo("Bob");
            assertThat(only.has("landmarks")).isFalse();
            assertThat(published).hasSize(1);
            assertThat(published.get(0).subjectName()).isEqualTo("Bob");
        } finally {
            server.vigil.events().unsubscribe(sink);
        }
    }

    @Test
    void examplesAreAddedListedPagedFetchedVerifiedAndDeleted() {
        Path photo = TestFaces.sample(5);
        String a1 = train("Ann", TestFaces.portrait(photo, 0)).path("image_id").asText();
        String a2 = train("Ann", TestFaces.portrait(photo, 0)).path("image_id").asText();
        String k = train("Ken", TestFaces.portrait(photo, 1)).path("image_id").asText();

        var all = http.get("/api/v1/recognition/faces?page=0&size=2").json();
        assertThat(all.path("faces")).hasSize(2);
        assertThat(all.path("page_number").asInt()).isZero();
        assertThat(all.path("page_size").asInt()).isEqualTo(2);
        assertThat(all.path("total_pages").asInt()).isEqualTo(2);
        assertThat(all.path("total_elements").asInt()).isEqualTo(3);
        assertThat(http.get("/api/v1/recognition/faces?page=1&size=2").json().path("faces")).hasSize(1);
        var ann = http.get("/api/v1/recognition/faces?subject=Ann").json();
        assertThat(ann.path("faces").findValuesAsText("image_id")).containsExactlyInAnyOrder(a1, a2);
        assertThat(ann.path("faces").findValuesAsText("subject")).containsOnly("Ann");

        var img = http.get("/api/v1/recognition/faces/" + k + "/img");
        assertThat(img.status()).isEqualTo(200);
        assertThat(img.contentType()).startsWith("image/jpeg");

        var same = http.post("/api/v1/recognition/faces/" + k + "/verify", Http.form().file("file", "k.jpg", TestFaces.portrait(photo, 1)));
        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(same.json().path("result").get(0).path("similarity").asDouble()).isGreaterThanOrEqualTo(0.9);
        var other = http.post("/api/v1/recognition/faces/" + k + "/verify", Http.form().file("file", "a.jpg", TestFaces.portrait(photo, 0)));
        assertThat(other.json().path("result").get(0).path("similarity").asDouble()).isLessThan(0.6);

        var deleted = http.delete("/api/v1/recognition/faces/" + a1);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("image_id").asText()).isEqualTo(a1);
        assertThat(deleted.json().path("subject").asText()).isEqualTo("Ann");
        var again = http.delete("/api/v1/recognition/faces/" + a1);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().path("code").asInt()).isEqualTo(11);
        assertThat(http.get("/api/v1/recognition/faces/" + a1 + "/img").json().path("code").asInt()).isEqualTo(11);
        assertThat(http.get("/api/v1/recognition/faces").json().path("total_elements").asInt()).isEqualTo(2);
        assertThat(http.delete("/api/v1/recognition/faces?subject=Nobody").json().path("deleted").asInt()).isZero();
    }

    @Test
    void subjectsAreCreatedListedRenamedMergedAndDeleted() {
        Path photo = TestFaces.sample(5);
        assertThat(http.postJson("/api/v1/recognition/subjects", "{\"subject\":\"Zoe\"}").status()).isEqualTo(201);
        var dup = http.postJson("/api/v1/recognition/subjects", "{\"subject\":\"Zoe\"}");
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.json().path("code").asInt()).isEqualTo(43);
        train("Ann", TestFaces.portrait(photo, 0));
        train("Anne", TestFaces.portrait(photo, 0));
        assertThat(http.get("/api/v1/recognition/subjects/").json().path("subjects").toString()).isEqualTo("[\"Ann\",\"Anne\",\"Zoe\"]");

        var renamed = http.putJson("/api/v1/recognition/subjects/Zoe", "{\"subject\":\"Zoey\"}");
        assertThat(renamed.json().path("updated").asBoolean()).isTrue();
        // Merge: Anne's example moves to Ann, Anne is gone, and recognition follows at once.
        assertThat(http.putJson("/api/v1/recognition/subjects/Anne", "{\"subject\":\"Ann\"}").json().path("updated").asBoolean()).isTrue();
        assertThat(http.get("/api/v1/recognition/subjects").json().path("subjects").toString()).isEqualTo("[\"Ann\",\"Zoey\"]");
        assertThat(http.get("/api/v1/recognition/faces?subject=Ann").json().path("total_elements").asInt()).isEqualTo(2);
        JsonNode best = recognize("undefined", TestFaces.portrait(photo, 0)).json().path("result").get(0).path("subjects");
        assertThat(best).hasSize(1);
        assertThat(best.get(0).path("subject").asText()).isEqualTo("Ann");

        var missing = http.putJson("/api/v1/recognition/subjects/Nobody", "{\"subject\":\"X\"}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("code").asInt()).isEqualTo(42);
        assertThat(http.delete("/api/v1/recognition/subjects/Zoey").json().path("subject").asText()).isEqualTo("Zoey");
        assertThat(http.delete("/api/v1/recognition/subjects/Zoey").json().path("code").asInt()).isEqualTo(42);
        assertThat(http.delete("/api/v1/recognition/subjects").json().path("deleted").asInt()).isEqualTo(1);
        assertThat(http.get("/api/v1/recognition/subjects").json().path("subjects")).isEmpty();
    }

    @Test
    void verificationAndDetectionAnswerInCompreFaceShapes() {
        Path photo = TestFaces.sample(4);
        var v = http.post("/api/v1/verification/verify?face_plugins=landmarks", Http.form()
                .file("source_image", "s.jpg", TestFaces.portrait(photo, 0)).file("target_image", "t.jpg", TestFaces.halfSize(photo)));
        assertThat(v.status()).as(v.body()).isEqualTo(200);
        JsonNode pair = v.json().path("result").get(0);
        assertThat(pair.path("source_image_face").path("box").has("x_min")).isTrue();
        assertThat(pair.path("source_image_face").path("landmarks")).hasSize(5);
        JsonNode matches = pair.path("face_matches");
        assertThat(matches).hasSize(4);
        assertThat(matches.get(0).path("similarity").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(matches.get(1).path("similarity").asDouble()).isLessThan(0.6);

        var noSource = http.post("/api/v1/verification/verify", Http.form()
                .file("source_image", "s.jpg", CompatFixtures.blank()).file("target_image", "t.jpg", TestFaces.halfSize(photo)));
        assertThat(noSource.json().path("code").asInt()).isEqualTo(28);

        var d = http.post("/api/v1/detection/detect?limit=2&face_plugins=calculator", Http.form().file("file", "p.jpg", TestFaces.halfSize(photo)));
        assertThat(d.status()).as(d.body()).isEqualTo(200);
        assertThat(d.json().path("result")).hasSize(2).allSatisfy(f -> {
            assertThat(f.path("embedding")).hasSize(512);
            assertThat(f.has("subjects")).isFalse();
        });
    }

    @Test
    void badInputIsA4xxInCompreFaceShapeNeverA500() {
        byte[] face = TestFaces.portrait(TestFaces.sample(4), 0);
        List<Http.Response> bad = List.of(
                http.post("/api/v1/recognition/recognize", Http.form().file("file", "x.jpg", "not an image".getBytes())),
                http.post("/api/v1/recognition/recognize", Http.form().file("image", "x.jpg", face)),
                http.postJson("/api/v1/recognition/recognize", "{\"file\":\"@@not base64@@\"}"),
                http.postJson("/api/v1/recognition/recognize", "{broken"),
                http.post("/api/v1/recognition/recognize?det_prob_threshold=2", Http.form().file("file", "x.jpg", face)),
                http.post("/api/v1/recognition/recognize?limit=-1", Http.form().file("file", "x.jpg", face)),
                http.post("/api/v1/recognition/faces", Http.form().file("file", "x.jpg", face)),
                http.postJson("/api/v1/recognition/subjects", "{}"),
                http.post("/api/v1/recognition/faces/nope/verify", Http.form().file("file", "x.jpg", face)));
        for (Http.Response r : bad) {
            assertThat(r.status()).as(r.body()).isBetween(400, 499);
            assertThat(r.json().has("message")).as(r.body()).isTrue();
            assertThat(r.json().path("code").isInt()).as(r.body()).isTrue();
        }
        assertThat(bad.get(1).json().path("code").asInt()).isEqualTo(33);
        try (TestServer small = TestServer.start(4096, 1L << 20, 10)) {
            var big = small.http.post("/api/v1/recognition/recognize", Http.form().file("file", "big.jpg", face));
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.json().has("code")).isTrue();
        }
    }

    @Test
    void theOpenApiDocumentListsEveryCompatibilityRoute() {
        JsonNode paths = http.get("/api/v1/openapi.json").json().path("paths");
        for (String p : List.of("/api/v1/recognition/recognize", "/api/v1/recognition/faces", "/api/v1/recognition/faces/{imageId}",
                "/api/v1/recognition/faces/{imageId}/img", "/api/v1/recognition/faces/{imageId}/verify", "/api/v1/recognition/subjects",
                "/api/v1/recognition/subjects/{subject}", "/api/v1/verification/verify", "/api/v1/detection/detect",
                "/v1/vision/face", "/v1/vision/face/recognize", "/v1/vision/face/register", "/v1/vision/face/delete", "/v1/vision/face/list")) {
            assertThat(paths.has(p)).as(p).isTrue();
        }
    }

    private static JsonNode sameFace(JsonNode compat, JsonNode nativeFace) {
        double x = nativeFace.path("box").get(0).asDouble();
        JsonNode best = null;
        for (JsonNode c : compat) {
            if (best == null || Math.abs(c.path("box").path("x_min").asDouble() - x) < Math.abs(best.path("box").path("x_min").asDouble() - x)) best = c;
        }
        return best;
    }
}
