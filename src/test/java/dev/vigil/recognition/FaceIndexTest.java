package dev.vigil.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.Embedding;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaceIndexTest {

    static Embedding random(Random rnd) {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        return Embedding.normalised(v);
    }

    /** A vector at roughly the given cosine to {@code base}. */
    static Embedding near(Embedding base, double cosine, Random rnd) {
        float[] noise = random(rnd).values(), v = new float[512];
        double w = Math.sqrt(1 - cosine * cosine);
        for (int i = 0; i < v.length; i++) v[i] = (float) (cosine * base.values()[i] + w * noise[i]);
        return Embedding.normalised(v);
    }

    @Test
    void findsThePlantedNearestSubjectAmongManyAtAnySize() {
        Random rnd = new Random(7);
        for (int n : new int[] {10, 5_000, FaceIndex.PARALLEL_THRESHOLD + 20_000}) {
            var index = new FaceIndex();
            for (int i = 0; i < n; i++) index.add("t" + i, "s" + i, random(rnd));
            Embedding target = random(rnd);
            index.add("target", "planted", target);
            List<Match> top = index.search(near(target, 0.6, rnd), 5);
            assertThat(top).hasSize(5);
            assertThat(top.get(0).subjectId()).as("n=%d", n).isEqualTo("planted");
            assertThat(top.get(0).similarity()).isBetween(0.5f, 0.7f);
            assertThat(top).extracting(Match::similarity).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        }
    }

    @Test
    void severalTemplatesOfOneSubjectMergeIntoItsBest() {
        Random rnd = new Random(8);
        var index = new FaceIndex();
        Embedding base = random(rnd);
        index.add("a1", "ada", near(base, 0.5, rnd));
        index.add("a2", "ada", near(base, 0.9, rnd));
        index.add("b1", "bob", near(base, 0.7, rnd));
        List<Match> top = index.search(base, 10);
        assertThat(top).extracting(Match::subjectId).containsExactly("ada", "bob");
        assertThat(top.get(0).templateId()).isEqualTo("a2");
    }

    @Test
    void removedTemplatesAndSubjectsAreNoLongerFound() {
        Random rnd = new Random(9);
        var index = new FaceIndex();
        List<Embedding> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Embedding e = random(rnd);
            all.add(e);
            index.add("t" + i, "s" + (i % 1000), e);
        }
        assertThat(index.remove("t5")).isTrue();
        assertThat(index.remove("t5")).isFalse();
        assertThat(index.search(all.get(5), 1).get(0).templateId()).isNotEqualTo("t5");
        // The template moved into t5's slot is still found exactly.
        assertThat(index.search(all.get(19_999), 1).get(0).templateId()).isEqualTo("t19999");
        assertThat(index.removeSubject("s7")).isEqualTo(20);
        assertThat(index.search(all.get(1007), 3)).extracting(Match::subjectId).doesNotContain("s7");
        assertThat(index.size()).isEqualTo(20_000 - 1 - 20);
    }

    @Test
    void concurrentSearchesAddsAndRemovesStayConsistent() throws Exception {
        Random seed = new Random(10);
        var index = new FaceIndex();
        Embedding anchor = random(seed);
        index.add("anchor", "anchor-subject", anchor);
        for (int i = 0; i < 5_000; i++) index.add("t" + i, "s" + i, random(seed));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    Random rnd = new Random(worker);
                    for (int i = 0; i < 2_000; i++) {
                        String id = "w" + worker + "-" + i;
                        index.add(id, id, random(rnd));
                        if (i % 2 == 0) index.remove(id);
                    }
                }));
            }
            for (int r = 0; r < 2; r++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        assertThat(index.search(anchor, 3).get(0).subjectId()).isEqualTo("anchor-subject");
                    }
                }));
            }
            for (var f : futures) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.size()).isEqualTo(1 + 5_000 + 2 * 1_000);
    }

    @Test
    void anEmptyIndexFindsNothing() {
        assertThat(new FaceIndex().search(random(new Random(1)), 5)).isEmpty();
    }
}
