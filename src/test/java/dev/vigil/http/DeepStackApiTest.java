package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.event.EventSink;
import dev.vigil.event.RecognitionEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DeepStack's (and CodeProject.AI's) face API as Double Take uses it (deepstack.js: multipart {@code image},
 * {@code userid}, {@code api_key}), read the way its normalize reads it, then every endpoint on real photos.
 */
class DeepStackApiTest {
    static TestServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = server.http;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Http.Response register(String userid, byte[] image) {
        return http.post("/v1/vision/face/register", Http.form().file("image", userid + ".jpg", image).text("userid", userid).text("api_key", "key"));
    }

    private static Http.Response recognize(byte[] image) {
        return http.post("/v1/vision/face/recognize", Http.form().file("image", "frigate.jpg", image).text("api_key", "key"));
    }

    private static List<CompatFixtures.DoubleTakeFace> leftToRight(Http.Response r) {
        List<JsonNode> predictions = new ArrayList<>();
        r.json().path("predictions").forEach(predictions::add);
        predictions.sort(Comparator.comparingDouble(p -> p.path("x_min").asDouble()));
        var sorted = Http.JSON.createObjectNode().put("success", r.json().path("success").asBoolean());
        sorted.set("predictions", Http.JSON.valueToTree(predictions));
        return CompatFixtures.fromDeepStack(sorted);
    }

    @Test
    void doubleTakeRegistersRecognisesAndDeletesTheWayItReadsDeepStack() {
        Path photo = TestFaces.sample(4);
        var added = register("Alice", TestFaces.portrait(photo, 0));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().path("success").asBoolean()).isTrue();
        assertThat(added.json().path("message").asText()).isEqualTo("face added");
        assertThat(register("Alice", TestFaces.portrait(photo, 0)).json().path("message").asText()).isEqualTo("face updated");
        register("Bob", TestFaces.portrait(photo, 3));

        var published = new CopyOnWriteArrayList<RecognitionEvent>();
        EventSink sink = published::add;
        server.vigil.events().subscribe(sink);
        List<CompatFixtures.DoubleTakeFace> faces;
        try {
            faces = leftToRight(recognize(TestFaces.halfSize(photo)));
        } finally {
            server.vigil.events().unsubscribe(sink);
        }
        assertThat(faces).hasSize(4);
        assertThat(published).hasSize(4);
        assertThat(faces.get(0).name()).isEqualTo("alice");
        assertThat(faces.get(0).match()).isTrue();
        assertThat(faces.get(3).name()).isEqualTo("bob");
        assertThat(faces.get(3).match()).isTrue();
        // Strangers are "unknown" with confidence 0, as DeepStack reports a face below its threshold.
        assertThat(faces.subList(1, 3)).allSatisfy(f -> {
            assertThat(f.name()).isEqualTo("unknown");
            assertThat(f.confidence()).isZero();
            assertThat(f.match()).isFalse();
        });

        var list = http.post("/v1/vision/face/list", Http.form().text("api_key", "key")).json();
        assertThat(list.path("success").asBoolean()).isTrue();
        assertThat(list.path("faces").toString()).isEqualTo("[\"Alice\",\"Bob\"]");
        // The same gallery as the native API and the CompreFace adapter.
        assertThat(http.get("/api/v1/recognition/faces?subject=Alice").json().path("total_elements").asInt()).isEqualTo(2);

        assertThat(http.post("/v1/vision/face/delete", Http.form().text("userid", "Alice").text("api_key", "key")).json().path("success").asBoolean()).isTrue();
        assertThat(http.post("/v1/vision/face/delete", Http.form().text("userid", "Nobody")).json().path("success").asBoolean()).isTrue();
        List<CompatFixtures.DoubleTakeFace> after = leftToRight(recognize(TestFaces.halfSize(photo)));
        assertThat(after.get(0).name()).isEqualTo("unknown");
        assertThat(after.get(3).name()).isEqualTo("bob");
        http.post("/v1/vision/face/delete", Http.form().text("userid", "Bob"));
        assertThat(http.post("/v1/vision/face/list", Http.form()).json().path("faces")).isEmpty();
    }

    @Test
    void aPhotoWithoutAFaceIsAFailureDoubleTakeReadsAsNoFaces() {
        var r = recognize(CompatFixtures.blank());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("success").asBoolean()).isFalse();
        assertThat(r.json().path("error").asText()).isEqualTo("No face found in image");
        assertThat(CompatFixtures.fromDeepStack(r.json())).isEmpty();
        var reg = register("Blank", CompatFixtures.blank());
        assertThat(reg.status()).isBetween(400, 499);
        assertThat(reg.json().path("success").asBoolean()).isFalse();
        assertThat(http.post("/v1/vision/face/list", Http.form()).json().path("faces")).isEmpty();
    }

    @Test
    void anEmptyGalleryMakesEveryFaceUnknown() {
        var r = recognize(TestFaces.bytes(TestFaces.sample(3)));
        assertThat(r.json().path("message").asText()).isEqualTo("No known faces");
        assertThat(r.json().path("predictions")).hasSize(3).allSatisfy(p -> {
            assertThat(p.path("userid").asText()).isEqualTo("unknown");
            assertThat(p.path("x_max").asInt()).isGreaterThan(p.path("x_min").asInt());
        });
    }

    @Test
    void minConfidenceAboveEveryScoreNamesNobody() {
        Path photo = TestFaces.sample(5);
        register("Ken", TestFaces.portrait(photo, 1));
        try {
            var named = recognize(TestFaces.portrait(photo, 1)).json().path("predictions").get(0);
            assertThat(named.path("userid").asText()).isEqualTo("Ken");
            assertThat(named.path("confidence").asDouble()).isBetween(0.9, 1.0);
            var strict = http.post("/v1/vision/face/recognize", Http.form().file("image", "k.jpg", TestFaces.portrait(photo, 1))
                    .text("min_confidence", "0.9999")).json();
            // As in CodeProject.AI, min_confidence is also the detection floor, so the face may not even be listed.
            assertThat(CompatFixtures.fromDeepStack(strict)).noneMatch(f -> f.name().equals("ken"));
            assertThat(strict.toString()).doesNotContain("Ken");
        } finally {
            http.post("/v1/vision/face/delete", Http.form().text("userid", "Ken"));
        }
    }

    @Test
    void detectionListsBoxesAboveMinConfidence() {
        var r = http.post("/v1/vision/face", Http.form().file("image", "s.jpg", TestFaces.bytes(TestFaces.sample(4))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("count").asInt()).isEqualTo(4);
        assertThat(r.json().path("predictions")).hasSize(4).allSatisfy(p -> {
            assertThat(p.path("confidence").asDouble()).isBetween(0.67, 1.0);
            assertThat(p.has("userid")).isFalse();
        });
        var none = http.post("/v1/vision/face", Http.form().file("image", "w.jpg", CompatFixtures.blank())).json();
        assertThat(none.path("success").asBoolean()).isTrue();
        assertThat(none.path("predictions")).isEmpty();
    }

    @Test
    void badInputIsA4xxInDeepStackShapeNeverA500() {
        byte[] face = TestFaces.portrait(TestFaces.sample(4), 0);
        List<Http.Response> bad = List.of(
                recognize("not an image".getBytes()),
                http.post("/v1/vision/face/recognize", Http.form().file("file", "x.jpg", face)),
                http.post("/v1/vision/face/recognize", Http.form().file("image", "x.jpg", face).text("min_confidence", "lots")),
                http.post("/v1/vision/face/register", Http.form().file("image", "x.jpg", face)),
                http.post("/v1/vision/face/register", Http.form().text("userid", "x")),
                http.post("/v1/vision/face/delete", Http.form()),
                http.postJson("/v1/vision/face/recognize", "{}"),
                http.post("/v1/vision/face/nothing", Http.form()));
        for (Http.Response r : bad) {
            assertThat(r.status()).as(r.body()).isBetween(400, 499);
            assertThat(r.json().path("success").asBoolean(true)).as(r.body()).isFalse();
            assertThat(r.json().path("error").asText()).as(r.body()).isNotBlank();
        }
        try (TestServer small = TestServer.start(4096, 1L << 20, 10)) {
            var big = small.http.post("/v1/vision/face/register", Http.form().file("image", "big.jpg", face).text("userid", "x"));
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.json().path("success").asBoolean(true)).isFalse();
        }
    }
}
