package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Identify and verify over real HTTP against a running server, with real photos. */
class RecognitionApiTest {
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

    private static String enroll(String name, byte[] image) {
        var r = http.post("/api/v1/enroll", Http.form().text("name", name).text("create", "true").file("image", name + ".jpg", image));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("subject").path("id").asText();
    }

    private static JsonNode identify(byte[] image) {
        var r = http.post("/api/v1/identify", Http.form().file("image", "probe.jpg", image));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("faces");
    }

    @Test
    void everyIdentifiedFaceIsPublishedAsAnEventWithTheIdTheResponseGives() {
        try (TestServer fresh = TestServer.start()) {
            var published = new java.util.concurrent.CopyOnWriteArrayList<dev.vigil.event.RecognitionEvent>();
            fresh.vigil.events().subscribe(published::add);
            var r = fresh.http.post("/api/v1/identify", Http.form().file("image", "s.jpg", TestFaces.bytes(TestFaces.sample(3))));
            assertThat(r.status()).isEqualTo(200);
            var ids = new ArrayList<String>();
            r.json().path("faces").forEach(f -> ids.add(f.path("event_id").asText()));
            assertThat(ids).hasSize(3).doesNotContain("");
            assertThat(published).extracting(dev.vigil.event.RecognitionEvent::id).containsExactlyElementsOf(ids);
            assertThat(published).allSatisfy(e -> {
                assertThat(e.source()).isEqualTo("api");
                assertThat(e.decision()).isEqualTo(dev.vigil.recognition.Decision.UNKNOWN);
            });
        }
    }

    @Test
    void anEmptyGalleryMakesEveryFaceUnknown() {
        try (TestServer empty = TestServer.start()) {
            var r = empty.http.post("/api/v1/identify", Http.form().file("image", "s.jpg", TestFaces.bytes(TestFaces.sample(3))));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("faces")).hasSize(3).allSatisfy(f -> {
                assertThat(f.path("decision").asText()).isEqualTo("UNKNOWN");
                assertThat(f.path("subject").isNull()).isTrue();
            });
        }
    }

    /**
     * Without ../shared: enrol portraits cut from one group photo (sample4, four people), then identify the whole
     * photo downscaled to half size. Each of the two enrolled people must PASS under the right name; the two who were
     * never enrolled must not PASS.
     */
    @Test
    void enrolledPeoplePassByNameAndOthersDoNotInTheNpmSamples() {
        Path photo = TestFaces.sample(4);
        String left = enroll("sample4-left", TestFaces.portrait(photo, 0));
        String right = enroll("sample4-right", TestFaces.portrait(photo, 3));
        byte[] half = TestFaces.halfSize(photo);
        List<JsonNode> faces = new ArrayList<>();
        identify(half).forEach(faces::add);
        faces.sort(java.util.Comparator.comparingDouble(f -> f.path("box").get(0).asDouble()));
        assertThat(faces).hasSize(4);
        assertThat(faces.get(0).path("decision").asText()).isEqualTo("PASS");
        assertThat(faces.get(0).path("subject").path("id").asText()).isEqualTo(left);
        assertThat(faces.get(3).path("decision").asText()).isEqualTo("PASS");
        assertThat(faces.get(3).path("subject").path("name").asText()).isEqualTo("sample4-right");
        assertThat(faces.get(3).path("candidates").get(0).path("subject").path("id").asText()).isEqualTo(right);
        for (JsonNode stranger : List.of(faces.get(1), faces.get(2))) {
            assertThat(stranger.path("decision").asText()).isNotEqualTo("PASS");
        }
        // Candidates are merged per subject (best template) and sorted best first.
        for (JsonNode f : faces) {
            var sims = new ArrayList<Double>();
            f.path("candidates").forEach(c -> sims.add(c.path("similarity").asDouble()));
            assertThat(sims).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(f.path("candidates")).hasSizeLessThanOrEqualTo(2);
        }
        http.delete("/api/v1/subjects/" + left);
        http.delete("/api/v1/subjects/" + right);
    }

    /** With ../shared: two enrolled people PASS on unseen photos; six never-enrolled people never PASS. */
    @Test
    void unseenPhotosOfEnrolledPeoplePassAndStrangersNeverDo() {
        Path root = TestFaces.sharedFaces().resolve("face_recognition_examples");
        String obama = enroll("Barack Obama", TestFaces.bytes(root.resolve("obama/obama.jpg")));
        String biden = enroll("Joe Biden", TestFaces.bytes(root.resolve("biden/biden.jpg")));
        try {
            for (String unseen : List.of("obama/obama2.jpg", "obama/obama3.jpg", "obama/obama1_knn_test.jpg")) {
                JsonNode faces = identify(TestFaces.bytes(root.resolve(unseen)));
                assertThat(faces).as(unseen).isNotEmpty();
                JsonNode best = largest(faces);
                assertThat(best.path("decision").asText()).as(unseen).isEqualTo("PASS");
                assertThat(best.path("subject").path("id").asText()).as(unseen).isEqualTo(obama);
            }
            JsonNode b = largest(identify(TestFaces.bytes(root.resolve("biden/biden2.jpg"))));
            assertThat(b.path("decision").asText()).isEqualTo("PASS");
            assertThat(b.path("subject").path("name").asText()).isEqualTo("Joe Biden");

            for (String stranger : List.of("guido_van_rossum/guido_van_rossum1.jpg", "paul_allen/paul_allen.jpg",
                    "steve_wozniak/steve_wozniak1.jpg", "kit_harington/john1.jpeg", "rose_leslie/img1.jpg",
                    "alex_lacamoire/img1.jpg")) {
                for (JsonNode f : identify(TestFaces.bytes(root.resolve(stranger)))) {
                    assertThat(f.path("decision").asText()).as(stranger).isIn("UNKNOWN", "REJECT");
                }
            }
            // A group photo: both faces named.
            JsonNode group = identify(TestFaces.bytes(TestFaces.sharedFaces().resolve("group_photos/face_recognition/two_people.jpg")));
            List<String> names = new ArrayList<>();
            group.forEach(f -> {
                if (f.path("decision").asText().equals("PASS")) names.add(f.path("subject").path("id").asText());
            });
            assertThat(names).containsExactlyInAnyOrder(obama, biden);
        } finally {
            http.delete("/api/v1/subjects/" + obama);
            http.delete("/api/v1/subjects/" + biden);
        }
    }

    @Test
    void verifyComparesTwoImagesOrAnImageWithASubject() {
        Path photo = TestFaces.sample(3);
        byte[] a = TestFaces.portrait(photo, 0), b = TestFaces.portrait(photo, 1);
        String id = enroll("verify-a", a);
        var pass = http.post("/api/v1/verify", Http.form().file("image1", "a.jpg", a).text("subject_id", id));
        assertThat(pass.json().path("decision").asText()).isEqualTo("PASS");
        assertThat(pass.json().path("similarity").asDouble()).isGreaterThan(0.9);
        var reject = http.post("/api/v1/verify", Http.form().file("image1", "b.jpg", b).text("subject_id", id));
        assertThat(reject.json().path("decision").asText()).isEqualTo("REJECT");
        var twoImages = http.post("/api/v1/verify", Http.form().file("image1", "a.jpg", a).file("image2", "b.jpg", b));
        assertThat(twoImages.json().path("decision").asText()).isEqualTo("REJECT");
        var unknownSubject = http.post("/api/v1/verify", Http.form().file("image1", "a.jpg", a).text("subject_id", "nope"));
        assertThat(unknownSubject.status()).isEqualTo(404);
        http.delete("/api/v1/subjects/" + id);
    }

    private static JsonNode largest(JsonNode faces) {
        JsonNode best = null;
        double area = -1;
        for (JsonNode f : faces) {
            JsonNode b = f.path("box");
            double a = (b.get(2).asDouble() - b.get(0).asDouble()) * (b.get(3).asDouble() - b.get(1).asDouble());
            if (a > area) {
                area = a;
                best = f;
            }
        }
        return best;
    }
}
