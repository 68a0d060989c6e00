package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.TestFaces;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/** Seed 000's API, with the requests its README shows for curl. */
class SeedApiTest {

    @Test
    void registerListUnregisterAndRegisterFromAZip() {
        try (TestServer server = TestServer.start()) {
            Http http = server.http;
            // curl -X POST /register -F "name=John" -F "image=@john.jpg"
            var reg = http.post("/register", Http.form().text("name", "John").file("image", "john.jpg", TestFaces.portrait(TestFaces.sample(5), 0)));
            assertThat(reg.status()).as(reg.body()).isEqualTo(201);
            assertThat(reg.json().path("name").asText()).isEqualTo("John");

            // GET /faces → ["John"]
            var faces = http.get("/faces");
            assertThat(faces.status()).isEqualTo(200);
            assertThat(faces.json().isArray()).isTrue();
            assertThat(faces.json().toString()).isEqualTo("[\"John\"]");

            // curl -X POST /register-faces -F "zip=@faces.zip" with katya.jpg, zero.jpg, ema.jpg
            var entries = new LinkedHashMap<String, byte[]>();
            entries.put("katya.jpg", TestFaces.portrait(TestFaces.sample(5), 1));
            entries.put("zero.jpg", TestFaces.portrait(TestFaces.sample(5), 2));
            entries.put("ema.jpg", TestFaces.portrait(TestFaces.sample(5), 3));
            var zip = http.post("/register-faces", Http.form().file("zip", "faces.zip", Zips.of(entries)));
            assertThat(zip.status()).as(zip.body()).isEqualTo(200);
            assertThat(zip.json().path("registered").toString()).contains("katya", "zero", "ema");
            assertThat(http.get("/faces").json().toString()).isEqualTo("[\"ema\",\"John\",\"katya\",\"zero\"]");

            // curl -X POST /unregister -F "name=John"
            var unreg = http.post("/unregister", Http.form().text("name", "John"));
            assertThat(unreg.status()).as(unreg.body()).isEqualTo(200);
            assertThat(http.get("/faces").json().toString()).isEqualTo("[\"ema\",\"katya\",\"zero\"]");
            assertThat(http.post("/unregister", Http.form().text("name", "John")).status()).isEqualTo(404);

            // A registered name is recognised by /api/v1/identify.
            var id = http.post("/api/v1/identify", Http.form().file("image", "k.jpg", TestFaces.portrait(TestFaces.sample(5), 1)));
            assertThat(id.json().path("faces").get(0).path("subject").path("name").asText()).isEqualTo("katya");
        }
    }
}
