package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.Template;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import dev.vigil.store.PostgresStore;
import dev.vigil.store.PostgresTestDb;
import dev.vigil.store.SqliteStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code vigil migrate --to}: a populated SQLite data directory becomes a PostgreSQL gallery that recognises the same people. */
class MigrateCommandTest {
    PostgresTestDb db;

    @BeforeEach
    void createSchema() {
        db = PostgresTestDb.create("migrate");
    }

    @AfterEach
    void dropSchema() {
        if (db != null) db.close();
    }

    @Test
    void aPopulatedSqliteInstallationMovesToPostgresAndStillRecognisesItsPeople() throws Exception {
        Path photo = TestFaces.sample(4);
        Path data;
        String leftId;
        try (TestServer sqlite = TestServer.start()) {
            data = sqlite.data;
            leftId = enroll(sqlite.http, "sample4-left", TestFaces.portrait(photo, 0));
            enroll(sqlite.http, "sample4-right", TestFaces.portrait(photo, 3));
            enroll(sqlite.http, "sample4-right", TestFaces.portrait(photo, 3));
            assertThat(sqlite.http.postJson("/api/v1/subjects", "{\"name\":\"no face yet\",\"metadata\":{\"desk\":\"4\"}}").status())
                    .isEqualTo(201);
        }
        List<Subject> subjects;
        List<Template> templates = new ArrayList<>();
        try (var before = SqliteStore.open(data.resolve("vigil.db"))) {
            subjects = before.listSubjects(0, 100).items();
            before.forEachTemplate(templates::add);
        }

        assertThat(Main.run("migrate", "--data", data.toString(), "--to", db.url)).isZero();

        try (var after = PostgresStore.open(db.url, 2)) {
            assertThat(after.listSubjects(0, 100).items()).containsExactlyElementsOf(subjects);
            List<Template> copied = new ArrayList<>();
            after.forEachTemplate(copied::add);
            assertThat(copied).containsExactlyInAnyOrderElementsOf(templates);
            for (Template t : templates) assertThat(after.templateCrop(t.id())).isPresent().get().isNotNull();
        }
        try (TestServer pg = TestServer.startOn(db.url)) {
            var r = pg.http.post("/api/v1/identify", Http.form().file("image", "g.jpg", TestFaces.halfSize(photo)));
            List<String> passed = new ArrayList<>();
            for (JsonNode f : r.json().path("faces")) {
                if (f.path("decision").asText().equals("PASS")) passed.add(f.path("subject").path("id").asText());
            }
            assertThat(passed).contains(leftId).hasSize(2);
        }
        assertThat(Main.run("migrate", "--data", data.toString(), "--to", db.url)).as("into a non-empty database").isNotZero();
    }

    private static String enroll(Http http, String name, byte[] image) {
        var r = http.post("/api/v1/enroll", Http.form().text("name", name).text("create", "true").file("image", name + ".jpg", image));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("subject").path("id").asText();
    }
}
