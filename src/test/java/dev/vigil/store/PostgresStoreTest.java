package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.gallery.NewTemplate;
import dev.vigil.gallery.Subject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store contract on the real PostgreSQL, plus what only a shared database needs: the change feed, races. */
class PostgresStoreTest extends StoreContractTest {
    PostgresTestDb db;

    @BeforeEach
    void createSchema() {
        db = PostgresTestDb.create("store");
    }

    @AfterEach
    void dropSchema() {
        if (db != null) db.close();
    }

    @Override
    JdbcStore open() {
        return PostgresStore.open(db.url, 4);
    }

    @Override
    String migrations() {
        return "db/postgres";
    }

    @Override
    Connection connect() throws SQLException {
        return db.connect();
    }

    private static NewTemplate template(Random rnd) {
        return new NewTemplate(randomEmbedding(rnd), 0.8f, "test", null);
    }

    @Test
    void serversStartingTogetherApplyEachMigrationOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> opens = new ArrayList<>();
            for (int i = 0; i < 4; i++) opens.add(pool.submit(() -> open().close()));
            for (var f : opens) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        try (var c = connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM schema_version WHERE version = 1")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void theFeedCarriesEnrolRenameAndDeletesInOrderWithTheEmbedding() {
        Random rnd = new Random(5);
        try (var store = open()) {
            ChangeFeed feed = store.changeFeed().orElseThrow();
            long start = feed.head();
            Subject ada = store.createSubject("ada", Map.of());
            NewTemplate kept = template(rnd);
            String keptId = store.addTemplate(ada.id(), kept).id();
            String goneId = store.addTemplate(ada.id(), template(rnd)).id();
            store.deleteTemplate(ada.id(), goneId);
            store.renameSubject(ada.id(), "Ada L");
            store.deleteSubject(ada.id());

            List<GalleryChange> changes = feed.after(start, 100);
            assertThat(changes).extracting(GalleryChange::kind).containsExactly(GalleryChange.Kind.TEMPLATE_ADDED,
                    GalleryChange.Kind.TEMPLATE_ADDED, GalleryChange.Kind.TEMPLATE_DELETED,
                    GalleryChange.Kind.SUBJECT_RENAMED, GalleryChange.Kind.SUBJECT_DELETED);
            assertThat(changes).extracting(GalleryChange::seq).isSorted().doesNotHaveDuplicates();
            assertThat(changes).extracting(GalleryChange::subjectId).containsOnly(ada.id());
            assertThat(changes.get(1).templateId()).isEqualTo(goneId);
            assertThat(changes.get(1).embedding()).as("deleted before it was read").isNull();
            assertThat(feed.head()).isEqualTo(changes.get(4).seq());
            assertThat(feed.after(feed.head(), 100)).isEmpty();
            assertThat(keptId).isEqualTo(changes.get(0).templateId());
        }
    }

    @Test
    void aMergeMovesEachTemplateInTheFeedToTheSubjectThatKeepsIt() {
        Random rnd = new Random(11);
        try (var store = open()) {
            Subject ada = store.createSubject("ada", Map.of());
            Subject ada2 = store.createSubject("ada (2)", Map.of());
            NewTemplate moving = template(rnd);
            String movingId = store.addTemplate(ada2.id(), moving).id();
            ChangeFeed feed = store.changeFeed().orElseThrow();
            long start = feed.head();
            store.mergeSubject(ada2.id(), ada.id());
            List<GalleryChange> changes = feed.after(start, 10);
            assertThat(changes).extracting(GalleryChange::kind, GalleryChange::subjectId, GalleryChange::templateId)
                    .containsExactly(tuple(GalleryChange.Kind.TEMPLATE_MOVED, ada.id(), movingId));
            assertThat(changes.getFirst().embedding().values()).containsExactly(moving.embedding().values());
        }
    }

    @Test
    void theFeedShowsEmbeddingsOfTemplatesStillThere() {
        Random rnd = new Random(6);
        try (var store = open()) {
            Subject bob = store.createSubject("bob", Map.of());
            NewTemplate t = template(rnd);
            store.addTemplate(bob.id(), t);
            GalleryChange added = store.changeFeed().orElseThrow().after(0, 10).get(0);
            assertThat(added.embedding().values()).containsExactly(t.embedding().values());
        }
    }

    @Test
    void aChangeOnOneServerWakesAnotherWithinOneSecond() throws Exception {
        try (var a = open(); var b = open()) {
            ChangeFeed feedB = b.changeFeed().orElseThrow();
            feedB.awaitChange(Duration.ofMillis(50)); // opens the LISTEN connection before the change
            Subject s = a.createSubject("carol", Map.of());
            long t0 = System.nanoTime();
            a.addTemplate(s.id(), template(new Random(7)));
            assertThat(feedB.awaitChange(Duration.ofSeconds(5))).as("woken by NOTIFY").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        }
    }

    /**
     * Another server's write that took its sequence number first but commits last must not be skipped: a follower
     * that read a later number in between would never look below it again. The slow server here is a plain
     * connection doing what {@link PostgresStore#changed} does, held open across the follower's read.
     */
    @Test
    void aChangeCommittedLateIsNotSkippedByAFollowerThatReadMeanwhile() throws Exception {
        try (var store = open(); Connection slow = connect()) {
            Subject s = store.createSubject("dave", Map.of());
            ChangeFeed feed = store.changeFeed().orElseThrow();
            long start = feed.head();
            slow.setAutoCommit(false);
            try (var st = slow.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + PostgresStore.FEED_LOCK + ")");
                st.execute("INSERT INTO gallery_changes (kind, subject_id, template_id, changed_at) "
                        + "VALUES ('TEMPLATE_DELETED', '" + s.id() + "', 'slow', 0)");
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<String> fast = pool.submit(() -> store.addTemplate(s.id(), template(new Random(8))).id());
                Thread.sleep(300); // the fast write has had time to commit, were it not held back
                List<GalleryChange> firstRead = feed.after(start, 100);
                long last = firstRead.isEmpty() ? start : firstRead.get(firstRead.size() - 1).seq();
                slow.commit();
                String fastId = fast.get(30, TimeUnit.SECONDS);
                List<String> seen = new ArrayList<>();
                firstRead.forEach(c -> seen.add(c.templateId()));
                feed.after(last, 100).forEach(c -> seen.add(c.templateId()));
                assertThat(seen).containsExactly("slow", fastId);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void twoServersCreatingTheSameNameGetOneSubject() throws Exception {
        try (var a = open(); var b = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int i = 0; i < 20; i++) {
                    String name = "erin" + i;
                    Future<Subject> x = pool.submit(() -> a.getOrCreateSubject(name));
                    Future<Subject> y = pool.submit(() -> b.getOrCreateSubject(name));
                    assertThat(x.get(30, TimeUnit.SECONDS).id()).isEqualTo(y.get(30, TimeUnit.SECONDS).id());
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(a.subjectCount()).isEqualTo(20);
        }
    }

    @Test
    void aLibpqStyleUrlOpensTheSameDatabase() {
        try (var store = open()) {
            store.createSubject("frank", Map.of());
        }
        String url = "postgres://postgres@127.0.0.1:5432/test?currentSchema=" + db.schema;
        try (var store = PostgresStore.open(url, 2)) {
            assertThat(store.findSubjectByName("frank")).isPresent();
        }
    }

    @Test
    void libpqUrlsBecomeJdbcUrlsAndPasswordsStayOutOfMessages() {
        assertThat(PostgresDatabase.jdbcUrl("postgres://vigil:s3cret@db.local:5433/vigil?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.local:5433/vigil?sslmode=require&user=vigil&password=s3cret");
        assertThat(PostgresDatabase.jdbcUrl("jdbc:postgresql://h/d")).isEqualTo("jdbc:postgresql://h/d");
        assertThat(PostgresDatabase.withoutPassword("jdbc:postgresql://h/d?user=u&password=p")).doesNotContain("=p")
                .contains("password=***");
    }
}
