package dev.vigil.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Negative examples on real look-alikes from LFW: Tommy Robredo's photo 2 passes as Emanuel Ginobili (enrolled from
 * his photo 5) at the shipped threshold. After "not this person" on that decision, Robredo no longer passes, and every
 * Ginobili photo that passed before still passes.
 */
class NegativeExampleTest {
    static final Path LFW = TestFaces.sharedFaces().resolve("lfw");

    static Path lfw(String person, int n) {
        Path p = LFW.resolve(person).resolve(String.format("%s_%04d.jpg", person, n));
        assumeTrue(Files.isRegularFile(p), "skipped: no LFW photo at " + p);
        return p;
    }

    /** The decision about the face nearest the image centre (LFW photos are centred on their person). */
    static JsonNode identify(Http http, Path photo) {
        var r = http.post("/api/v1/identify", Http.form().file("image", photo.getFileName().toString(), TestFaces.bytes(photo)));
        assertThat(r.status()).isEqualTo(200);
        JsonNode best = null;
        double bestDistance = Double.MAX_VALUE;
        for (JsonNode f : r.json().get("faces")) {
            JsonNode box = f.get("box");
            double cx = (box.get(0).asDouble() + box.get(2).asDouble()) / 2 - 125, cy = (box.get(1).asDouble() + box.get(3).asDouble()) / 2 - 125;
            if (Math.hypot(cx, cy) < bestDistance) {
                bestDistance = Math.hypot(cx, cy);
                best = f;
            }
        }
        assertThat(best).as("a face in " + photo).isNotNull();
        return best;
    }

    static String decision(JsonNode face) {
        return face.get("decision").asText() + (face.hasNonNull("subject") ? " " + face.get("subject").get("name").asText() : "");
    }

    @Test
    void aNotThisPersonMarkTurnsTheFalsePassAwayAndKeepsTheTruePasses() {
        Path ginobili = lfw("Emanuel_Ginobili", 5), robredo = lfw("Tommy_Robredo", 2);
        List<Path> otherGinobili = List.of(lfw("Emanuel_Ginobili", 1), lfw("Emanuel_Ginobili", 2), lfw("Emanuel_Ginobili", 3),
                lfw("Emanuel_Ginobili", 4));
        try (TestServer server = TestServer.start()) {
            Http http = server.http;
            assertThat(http.post("/api/v1/enroll", Http.form().text("name", "Ginobili").text("create", "true")
                    .file("image", "g.jpg", TestFaces.bytes(ginobili)).text("face", "largest")).status()).isEqualTo(201);
            List<String> genuineBefore = otherGinobili.stream().map(p -> decision(identify(http, p))).toList();
            assertThat(genuineBefore).as("Ginobili's other photos").contains("PASS Ginobili");

            JsonNode falsePass = identify(http, robredo);
            assertThat(decision(falsePass)).as("the look-alike passes before any mark").isEqualTo("PASS Ginobili");
            String eventId = falsePass.get("event_id").asText();
            var marked = http.postJson("/api/v1/events/" + eventId + "/not-this-person", "{}");
            assertThat(marked.status()).as(marked.body()).isEqualTo(201);
            assertThat(marked.json().get("negatives").asInt()).isEqualTo(1);

            JsonNode after = identify(http, robredo);
            assertThat(after.get("decision").asText()).as("the look-alike after the mark").isIn("REJECT", "UNKNOWN");
            assertThat(after.get("similarity").asDouble()).isLessThan(falsePass.get("similarity").asDouble());
            assertThat(decision(identify(http, lfw("Tommy_Robredo", 1)))).as("another photo of him").doesNotStartWith("PASS");
            List<String> genuineAfter = otherGinobili.stream().map(p -> decision(identify(http, p))).toList();
            assertThat(genuineAfter).as("Ginobili's photos pass as before").isEqualTo(genuineBefore);

            assertThat(http.postJson("/api/v1/events/nope/not-this-person", "{}").status()).isEqualTo(404);
            String gid = http.get("/api/v1/subjects").json().get("subjects").get(0).get("id").asText();
            assertThat(http.delete("/api/v1/subjects/" + gid).status()).isEqualTo(200);
            assertThat(server.vigil.learner().negatives().count(gid)).as("erasure drops the negative examples").isZero();
        }
    }
}
