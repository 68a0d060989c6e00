package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.access.ApiKey;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.AuditEntry;
import dev.vigil.access.Role;
import dev.vigil.event.LoggedEvent;
import dev.vigil.event.Webhook;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.Template;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import dev.vigil.recognition.Decision;
import dev.vigil.store.DecisionLog;
import dev.vigil.store.JdbcEventStore;
import dev.vigil.store.PostgresStore;
import dev.vigil.store.PostgresTestDb;
import dev.vigil.store.SqliteStore;
import dev.vigil.stream.StreamSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil migrate --to}: a populated SQLite data directory becomes a PostgreSQL database that recognises the same
 * people and holds the same keys, audit trail, streams, events, webhooks and decisions.
 */
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
        String leftId, eventId;
        try (TestServer sqlite = TestServer.start()) {
            data = sqlite.data;
            leftId = enroll(sqlite.http, "sample4-left", TestFaces.portrait(photo, 0));
            enroll(sqlite.http, "sample4-right", TestFaces.portrait(photo, 3));
            enroll(sqlite.http, "sample4-right", TestFaces.portrait(photo, 3));
            assertThat(sqlite.http.postJson("/api/v1/subjects", "{\"name\":\"no face yet\",\"metadata\":{\"desk\":\"4\"}}").status())
                    .isEqualTo(201);
            var r = sqlite.http.post("/api/v1/identify", Http.form().file("image", "left.jpg", TestFaces.portrait(photo, 0)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            eventId = r.json().path("faces").get(0).path("event_id").asText();
        } // closing drains the event log and the decision log
        List<Subject> subjects;
        List<Template> templates = new ArrayList<>();
        ApiKeys.Issued key;
        List<ApiKey> keys;
        List<AuditEntry> audit;
        List<StreamSpec> streams;
        List<Webhook> webhooks;
        LoggedEvent event;
        DecisionLog.Row decision;
        try (var before = SqliteStore.open(data.resolve("vigil.db"))) {
            subjects = before.listSubjects(0, 100).items();
            before.forEachTemplate(templates::add);
            key = new ApiKeys(before, null).create("door-panel", Role.RECOGNIZE);
            keys = before.listApiKeys();
            audit = before.auditLog(0, 100, null);
            before.saveStream(new StreamSpec("stream-1", "door", "rtsp://10.0.0.5/stream1", 5, 0.5, false, "udp", false));
            streams = before.streams();
            var eventStore = new JdbcEventStore(before.database());
            eventStore.addWebhook(new Webhook("hook-1", "http://127.0.0.1:9/hook", "s3cret", Set.of(Decision.PASS), 5, false,
                    Instant.ofEpochMilli(1_700_000_000_000L)));
            webhooks = eventStore.webhooks();
            event = eventStore.find(eventId).orElseThrow();
            decision = new DecisionLog(before.database()).find(eventId).orElseThrow();
        }
        assertThat(audit).as("enrolment is audited").isNotEmpty();

        assertThat(Main.run("migrate", "--data", data.toString(), "--to", db.url)).isZero();

        try (var after = PostgresStore.open(db.url, 2)) {
            assertThat(after.listSubjects(0, 100).items()).containsExactlyElementsOf(subjects);
            List<Template> copied = new ArrayList<>();
            after.forEachTemplate(copied::add);
            assertThat(copied).containsExactlyInAnyOrderElementsOf(templates);
            for (Template t : templates) assertThat(after.templateCrop(t.id())).isPresent().get().isNotNull();
            assertThat(after.listApiKeys()).isEqualTo(keys);
            assertThat(after.auditLog(0, 100, null)).isEqualTo(audit);
            assertThat(after.streams()).isEqualTo(streams);
            var eventStore = new JdbcEventStore(after.database());
            assertThat(eventStore.webhooks()).isEqualTo(webhooks);
            assertThat(eventStore.find(eventId)).contains(event);
            assertThat(new DecisionLog(after.database()).find(eventId)).contains(decision);
            after.audit("test", "after.migrate", null, "{}");
            assertThat(after.auditLog(0, 1, null).getFirst().id()).as("new audit ids continue after the copied ones")
                    .isGreaterThan(audit.getFirst().id());
        }
        try (TestServer pg = TestServer.startOn(db.url)) {
            var image = Http.form().file("image", "g.jpg", TestFaces.halfSize(photo));
            assertThat(pg.http.post("/api/v1/identify", image).status()).as("the copied key is required").isEqualTo(401);
            var r = pg.http.with("X-API-Key", key.secret()).post("/api/v1/identify", image);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
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
