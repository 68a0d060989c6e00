package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.access.ApiKey;
import dev.vigil.access.AuditEntry;
import dev.vigil.access.Role;
import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.Embedding;
import dev.vigil.event.Delivery;
import dev.vigil.event.DeliveryStatus;
import dev.vigil.event.EventStore;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.gallery.NewTemplate;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.Template;
import dev.vigil.recognition.Decision;
import dev.vigil.stream.StreamSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do, whatever the database: each subclass opens its own kind on an empty database of
 * its own, and every assertion here runs against each.
 */
abstract class StoreContractTest {

    /** Opens the store on this test's database; a second call opens the same database again. */
    abstract JdbcStore open();

    /** The classpath folder of this dialect's migrations. */
    abstract String migrations();

    /** A plain JDBC connection to the same database, to look behind the store. */
    abstract Connection connect() throws SQLException;

    static Embedding randomEmbedding(Random rnd) {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        return Embedding.normalised(v);
    }

    private static NewTemplate template(Random rnd) {
        return new NewTemplate(randomEmbedding(rnd), 0.8f, "test", new byte[] {(byte) 0xFF, (byte) 0xD8});
    }

    @Test
    void subjectsAreCreatedFoundListedAndRenamed() {
        try (var store = open()) {
            Subject ada = store.createSubject("  Ada  ", Map.of("team", "night"));
            assertThat(ada.name()).isEqualTo("Ada");
            store.createSubject("bob", Map.of());
            store.createSubject("Carol", Map.of());
            assertThat(store.findSubject(ada.id())).get().extracting(Subject::metadata).isEqualTo(Map.of("team", "night"));
            assertThat(store.findSubjectByName("Ada")).get().extracting(Subject::id).isEqualTo(ada.id());

            Page<Subject> page = store.listSubjects(1, 1);
            assertThat(page.total()).isEqualTo(3);
            assertThat(page.items()).extracting(Subject::name).containsExactly("bob");

            assertThat(store.renameSubject(ada.id(), "Ada Lovelace").name()).isEqualTo("Ada Lovelace");
            assertThatThrownBy(() -> store.renameSubject(ada.id(), "bob")).isInstanceOf(DuplicateNameException.class);
            assertThatThrownBy(() -> store.createSubject("Carol", Map.of())).isInstanceOf(DuplicateNameException.class);
            assertThatThrownBy(() -> store.renameSubject("nope", "x")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.createSubject(" ", Map.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.createSubject("x".repeat(129), Map.of())).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.getOrCreateSubject("bob").id()).isEqualTo(store.findSubjectByName("bob").orElseThrow().id());
            assertThat(store.subjectCount()).isEqualTo(3);
        }
    }

    @Test
    void embeddingsRoundTripBitForBitAndSurviveAReopen() {
        Random rnd = new Random(1);
        NewTemplate t = template(rnd);
        String id;
        try (var store = open()) {
            Subject s = store.createSubject("ada", Map.of());
            id = store.addTemplate(s.id(), t).id();
        }
        try (var store = open()) {
            Template back = store.findTemplate(id).orElseThrow();
            assertThat(back.embedding().values()).containsExactly(t.embedding().values());
            assertThat(back.hasCrop()).isTrue();
            assertThat(store.templateCrop(id)).get().isEqualTo(t.crop());
            List<Template> all = new ArrayList<>();
            store.forEachTemplate(all::add);
            assertThat(all).hasSize(1);
        }
    }

    @Test
    void deletingASubjectErasesEveryTemplateAndCrop() throws Exception {
        Random rnd = new Random(2);
        try (var store = open()) {
            Subject ada = store.createSubject("ada", Map.of());
            Subject bob = store.createSubject("bob", Map.of());
            for (int i = 0; i < 3; i++) store.addTemplate(ada.id(), template(rnd));
            store.addTemplate(bob.id(), template(rnd));
            assertThat(store.findSubject(ada.id()).orElseThrow().templateCount()).isEqualTo(3);
            assertThat(store.deleteSubject(ada.id())).isTrue();
            assertThat(store.deleteSubject(ada.id())).isFalse();
            assertThat(store.templateCount()).isEqualTo(1);
        }
        try (var c = connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM templates t WHERE NOT EXISTS "
                     + "(SELECT 1 FROM subjects s WHERE s.id = t.subject_id)")) {
            rs.next();
            assertThat(rs.getInt(1)).as("templates without a subject").isZero();
        }
    }

    @Test
    void oneTemplateIsDeletedOnlyFromItsOwnSubject() {
        Random rnd = new Random(3);
        try (var store = open()) {
            Subject ada = store.createSubject("ada", Map.of());
            Subject bob = store.createSubject("bob", Map.of());
            Template t = store.addTemplate(ada.id(), template(rnd));
            assertThat(store.deleteTemplate(bob.id(), t.id())).isFalse();
            assertThat(store.deleteTemplate(ada.id(), t.id())).isTrue();
            assertThat(store.templates(ada.id())).isEmpty();
            assertThatThrownBy(() -> store.addTemplate("nope", template(rnd))).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void migrationsAreAppliedOnce() throws Exception {
        open().close();
        open().close();
        List<String> listed;
        try (InputStream in = getClass().getResourceAsStream("/" + migrations() + "/index.txt")) {
            listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("V")).toList();
        }
        try (var c = connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version), MIN(version), MAX(version) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).as("rows").isEqualTo(listed.size()).isEqualTo(rs.getInt(2));
            assertThat(rs.getInt(3)).isEqualTo(1);
            String last = listed.get(listed.size() - 1);
            assertThat(rs.getInt(4)).isEqualTo(Integer.parseInt(last.substring(1, last.indexOf("__"))));
        }
    }

    @Test
    void bothDialectsHaveTheSameMigrations() throws IOException {
        List<List<String>> lists = new java.util.ArrayList<>();
        for (String folder : List.of("db/sqlite", "db/postgres")) {
            try (InputStream in = getClass().getResourceAsStream("/" + folder + "/index.txt")) {
                lists.add(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList());
            }
        }
        assertThat(lists.get(0)).as("db/sqlite").startsWith("V1__gallery.sql").isEqualTo(lists.get(1));
    }

    @Test
    void apiKeysAreFoundByTheirHashListedAndRevoked() {
        try (var store = open()) {
            assertThat(store.hasApiKeys()).isFalse();
            var door = new ApiKey("door", Role.RECOGNIZE, Instant.ofEpochMilli(1_700_000_000_000L));
            store.addApiKey(door, "hash-door");
            store.addApiKey(new ApiKey("admin", Role.ADMIN, Instant.ofEpochMilli(1_700_000_001_000L)), "hash-admin");
            assertThatThrownBy(() -> store.addApiKey(new ApiKey("door", Role.VIEW, Instant.now()), "hash-other"))
                    .isInstanceOf(DuplicateNameException.class);
            assertThat(store.findApiKeyByHash("hash-door")).contains(door);
            assertThat(store.findApiKeyByHash("hash-nobody")).isEmpty();
            assertThat(store.listApiKeys()).extracting(ApiKey::name).containsExactly("admin", "door");
            assertThat(store.deleteApiKey("door")).isTrue();
            assertThat(store.deleteApiKey("door")).isFalse();
            assertThat(store.findApiKeyByHash("hash-door")).isEmpty();
            assertThat(store.hasApiKeys()).isTrue();
        }
    }

    @Test
    void auditRowsPageNewestFirstAndFilterBySubject() {
        try (var store = open()) {
            for (int i = 0; i < 5; i++) store.audit("admin", "step" + i, i % 2 == 0 ? "s-even" : null, null);
            List<AuditEntry> all = store.auditLog(0, 10, null);
            assertThat(all).extracting(AuditEntry::action).containsExactly("step4", "step3", "step2", "step1", "step0");
            assertThat(all.getFirst().detail()).isEqualTo("{}");
            assertThat(store.auditLog(all.get(1).id(), 2, null)).extracting(AuditEntry::action).containsExactly("step2", "step1");
            assertThat(store.auditLog(0, 10, "s-even")).extracting(AuditEntry::action).containsExactly("step4", "step2", "step0");
        }
    }

    @Test
    void streamsAreSavedReplacedAndDeleted() {
        var door = new StreamSpec("id-1", "door", "rtsp://10.0.0.5/stream1", 5, 0.5, false, "udp", true);
        var file = new StreamSpec("id-2", "file", "/videos/a.mp4", 2, 1, true, null, false);
        try (var store = open()) {
            store.saveStream(door);
            store.saveStream(file);
            assertThatThrownBy(() -> store.saveStream(new StreamSpec("id-3", "door", "/x.mp4", 1, 1, false, null, true)))
                    .isInstanceOf(StoreException.class);
        }
        try (var store = open()) {
            assertThat(store.streams()).containsExactly(door, file);
            var moved = new StreamSpec("id-1", "front door", "rtsp://10.0.0.6/stream1", 4, 1, false, "tcp", true);
            store.saveStream(moved);
            assertThat(store.deleteStream("id-2")).isTrue();
            assertThat(store.deleteStream("id-2")).isFalse();
            assertThat(store.streams()).containsExactly(moved);
        }
    }

    @Test
    void mergingMovesEveryTemplateAndDeletesTheSubjectMergedAway() {
        Random rnd = new Random(9);
        try (var store = open()) {
            Subject ada = store.createSubject("ada", Map.of());
            Subject ada2 = store.createSubject("ada (2)", Map.of());
            store.addTemplate(ada.id(), template(rnd));
            List<String> moving = List.of(store.addTemplate(ada2.id(), template(rnd)).id(),
                    store.addTemplate(ada2.id(), template(rnd)).id());
            assertThat(store.mergeSubject(ada2.id(), ada.id())).isEqualTo(2);
            assertThat(store.findSubject(ada2.id())).isEmpty();
            assertThat(store.templates(ada.id())).extracting(Template::id).containsAll(moving).hasSize(3);
            assertThatThrownBy(() -> store.mergeSubject(ada2.id(), ada.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.mergeSubject(ada.id(), ada.id())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * Erasure across everything on the database: templates, the events naming the person (with their outbox rows),
     * the person's id on decision rows and audit rows. What stays says that something happened, not to whom.
     */
    @Test
    void erasingASubjectLeavesItsIdNowhereInTheDatabase() throws Exception {
        Random rnd = new Random(10);
        Subject zoe;
        try (var store = open()) {
            zoe = store.createSubject("zoe", Map.of());
            Subject bob = store.createSubject("bob", Map.of());
            store.addTemplate(zoe.id(), template(rnd));
            store.audit("admin", "subject.enroll", zoe.id(), "{\"name\":\"zoe\"}");
            var events = new JdbcEventStore(store.database());
            var decisions = new DecisionLog(store.database());
            String zoeEvent = logEvent(events, decisions, zoe);
            String bobEvent = logEvent(events, decisions, bob);
            decisions.setFeedback(bobEvent, false, zoe.id(), false);

            assertThat(store.deleteSubject(zoe.id())).isTrue();
            assertThat(events.eraseSubject(zoe.id())).containsExactly("snapshots/" + zoeEvent + ".jpg");

            assertThat(events.find(zoeEvent)).isEmpty();
            assertThat(events.deliveries(zoeEvent)).isEmpty();
            assertThat(events.find(bobEvent)).isPresent();
            assertThat(decisions.find(zoeEvent)).get().extracting(DecisionLog.Row::subjectId).isNull();
            assertThat(decisions.find(bobEvent)).get().extracting(DecisionLog.Row::feedbackSubjectId).isNull();
            assertThat(store.auditLog(0, 10, null)).extracting(AuditEntry::subjectId).containsOnlyNulls();
            assertThat(store.auditLog(0, 10, null).getFirst().detail()).isEqualTo("{\"erased\":true}");
        }
        try (var c = connect(); var st = c.createStatement()) {
            for (String table : List.of("subjects", "templates", "events", "webhook_deliveries", "threshold_decisions", "audit")) {
                var rs = st.executeQuery("SELECT * FROM " + table);
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        assertThat(String.valueOf(rs.getObject(i))).as(table + "." + rs.getMetaData().getColumnName(i))
                                .doesNotContain(zoe.id()).doesNotContain("zoe");
                    }
                }
            }
        }
    }

    /** An identify-shaped event about {@code s} with a snapshot and one outbox row, and its decision row. */
    private static String logEvent(EventStore events, DecisionLog decisions, Subject s) {
        String id = UUID.randomUUID().toString();
        var e = new RecognitionEvent(id, Instant.now(), "api", null, 0, Decision.PASS, s.id(), s.name(), 0.8f,
                new BoundingBox(1, 2, 3, 4), 0.9f, Float.NaN, null);
        var delivery = new Delivery(id, "hook-1", "http://127.0.0.1:9/hook", DeliveryStatus.PENDING, 0, Instant.now(),
                null, null, null);
        events.append(List.of(new EventStore.NewEvent(e, "snapshots/" + id + ".jpg", List.of(delivery))));
        decisions.insert(new DecisionLog.Row(id, e.time().toEpochMilli(), "api", null, "PASS", s.id(), 0.8f, null, null, null));
        decisions.insert(new DecisionLog.Row(id, 0, "api", null, "REJECT", null, 0.1f, null, null, null));
        assertThat(decisions.find(id)).get().extracting(DecisionLog.Row::decision).as("a second insert changes nothing")
                .isEqualTo("PASS");
        return id;
    }

    @Test
    void subjectsListInNameOrderIgnoringCase() {
        try (var store = open()) {
            for (String n : List.of("bob", "Carol", "ada", "Ada")) store.createSubject(n, Map.of());
            assertThat(store.listSubjects(0, 10).items()).extracting(Subject::name).containsExactly("Ada", "ada", "bob", "Carol");
        }
    }

    @Test
    void readersRunWhileAWriterWrites() throws Exception {
        try (var store = open()) {
            Subject s = store.createSubject("ada", Map.of());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                futures.add(pool.submit(() -> {
                    Random rnd = new Random(4);
                    for (int i = 0; i < 100; i++) store.addTemplate(s.id(), template(rnd));
                }));
                for (int r = 0; r < 3; r++) {
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 200; i++) {
                            int n = store.templates(s.id()).size();
                            assertThat(n).isBetween(0, 100);
                            assertThat(store.listSubjects(0, 10).items()).hasSize(1);
                        }
                    }));
                }
                for (var f : futures) f.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.templateCount()).isEqualTo(100);
        }
    }
}
