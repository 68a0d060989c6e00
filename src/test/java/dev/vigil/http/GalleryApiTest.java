package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.TestFaces;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subjects, templates and ZIP import over real HTTP. */
class GalleryApiTest {
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

    @Test
    void aSubjectIsCreatedListedRenamedAndDeletedWithItsTemplates() {
        var created = http.postJson("/api/v1/subjects", "{\"name\":\"Ada\",\"metadata\":{\"team\":\"night\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.json().path("metadata").path("team").asText()).isEqualTo("night");

        var enrolled = http.post("/api/v1/subjects/" + id + "/templates",
                Http.form().file("image", "ada.jpg", TestFaces.portrait(TestFaces.sample(3), 0)));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        String templateId = enrolled.json().path("template").path("id").asText();
        assertThat(enrolled.json().path("template").path("has_crop").asBoolean()).isTrue();
        var second = http.post("/api/v1/subjects/" + id + "/templates",
                Http.form().file("image", "ada2.jpg", TestFaces.portrait(TestFaces.sample(3), 0)));
        assertThat(second.status()).isEqualTo(201);

        var crop = http.get("/api/v1/subjects/" + id + "/templates/" + templateId + "/crop");
        assertThat(crop.status()).isEqualTo(200);
        assertThat(crop.contentType()).isEqualTo("image/jpeg");

        var list = http.get("/api/v1/subjects?limit=10");
        assertThat(list.json().path("subjects")).anySatisfy(s -> {
            assertThat(s.path("name").asText()).isEqualTo("Ada");
            assertThat(s.path("template_count").asInt()).isEqualTo(2);
        });

        var renamed = http.patchJson("/api/v1/subjects/" + id, "{\"name\":\"Ada Lovelace\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/subjects/" + id).json().path("name").asText()).isEqualTo("Ada Lovelace");

        var oneGone = http.delete("/api/v1/subjects/" + id + "/templates/" + templateId);
        assertThat(oneGone.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/subjects/" + id).json().path("templates")).hasSize(1);
        assertThat(http.get("/api/v1/subjects/" + id + "/templates/" + templateId + "/crop").status()).isEqualTo(404);

        long before = http.get("/health").json().path("templates").asLong();
        var deleted = http.delete("/api/v1/subjects/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("templates_deleted").asInt()).isEqualTo(1);
        assertThat(http.get("/api/v1/subjects/" + id).status()).isEqualTo(404);
        assertThat(http.get("/health").json().path("templates").asLong()).isEqualTo(before - 1);
    }

    @Test
    void listingIsPagedWithATotal() {
        for (int i = 0; i < 5; i++) http.postJson("/api/v1/subjects", "{\"name\":\"page-" + i + "\"}");
        var page = http.get("/api/v1/subjects?offset=1&limit=2").json();
        assertThat(page.path("subjects")).hasSize(2);
        assertThat(page.path("total").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(page.path("offset").asInt()).isEqualTo(1);
    }

    @Test
    void aZipEnrollsByFileNameAndFolderAndReportsSkippedEntries() {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("zip-left.jpg", TestFaces.portrait(TestFaces.sample(6), 0));
        entries.put("zip-right/1.jpg", TestFaces.portrait(TestFaces.sample(6), 3));
        entries.put("zip-right/2.jpg", TestFaces.portrait(TestFaces.sample(6), 3));
        entries.put("notes.txt", "not a face".getBytes(StandardCharsets.UTF_8));
        entries.put("broken.jpg", "not a jpeg either".getBytes(StandardCharsets.UTF_8));
        var r = http.post("/api/v1/subjects/import", Http.form().file("zip", "people.zip", Zips.of(entries)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("enrolled").asInt()).isEqualTo(3);
        assertThat(r.json().path("skipped").asInt()).isEqualTo(2);
        assertThat(r.json().path("entries")).anySatisfy(e -> {
            assertThat(e.path("entry").asText()).isEqualTo("notes.txt");
            assertThat(e.path("status").asText()).isEqualTo("skipped");
        });
        assertThat(r.json().path("entries")).anySatisfy(e -> {
            assertThat(e.path("entry").asText()).isEqualTo("broken.jpg");
            assertThat(e.path("reason").asText()).startsWith("invalid_image");
        });
        var names = http.get("/faces").json();
        assertThat(names.toString()).contains("zip-left", "zip-right");
    }

    @Test
    void theOpenApiDocumentIsServed() {
        var r = http.get("/api/v1/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("paths").has("/api/v1/identify")).isTrue();
        assertThat(r.json().path("paths").has("/register-faces")).isTrue();
    }

    @Test
    void healthAndMetricsReportTheServer() {
        assertThat(http.get("/health").json().path("status").asText()).isEqualTo("ok");
        http.get("/api/v1/subjects");
        var m = http.get("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.body()).contains("vigil_http_requests_total{method=\"GET\",route=\"/api/v1/subjects\",status=\"200\"}")
                .contains("vigil_http_request_duration_seconds_bucket").contains("vigil_faces_embedded_total")
                .contains("vigil_gallery_templates")
                .contains("vigil_process_resident_bytes", "vigil_jvm_heap_used_bytes", "vigil_native_bytes");
    }
}
