package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.Embedding;
import dev.vigil.gallery.NewTemplate;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.Template;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
    abstract Store open();

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
        try (var c = connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version), MIN(version) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).as("rows").isPositive().isEqualTo(rs.getInt(2));
            assertThat(rs.getInt(3)).isEqualTo(1);
        }
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
