package dev.vigil.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.Embedding;
import dev.vigil.gallery.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BestTemplatesTest {
    static final Random RANDOM = new Random(7);

    /** A face of "someone": the person's direction plus some noise, so faces of one person agree (cosine about 0.7). */
    static Embedding face(float[] person) {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) v[i] = person[i] + (float) RANDOM.nextGaussian() * 0.04f;
        return Embedding.normalised(v);
    }

    static float[] person() {
        float[] p = new float[512];
        for (int i = 0; i < p.length; i++) p[i] = (float) RANDOM.nextGaussian() * 0.044f;
        return p;
    }

    /** Applies the rule to a stream of faces the way the learner does, returning what is kept. */
    static List<Template> offerAll(List<Template> kept, Embedding e, float quality, int n) {
        var v = BestTemplates.decide(kept, e, quality, n, 0.3f);
        List<Template> out = new ArrayList<>(kept);
        if (v.action() == BestTemplates.Verdict.Action.REPLACE) out.removeIf(t -> t.id().equals(v.templateId()));
        if (v.action() != BestTemplates.Verdict.Action.REFUSE) {
            out.add(new Template("t" + quality, "s", e, quality, "test", Instant.now(), false));
        }
        return out;
    }

    @Test
    void keepsTheNHighestQualityFacesOfThePerson() {
        float[] alice = person();
        List<Template> kept = new ArrayList<>();
        float[] qualities = {0.55f, 0.9f, 0.6f, 0.95f, 0.52f, 0.7f, 0.99f, 0.58f, 0.8f, 0.65f};
        for (float q : qualities) kept = offerAll(kept, face(alice), q, 5);
        assertThat(kept).extracting(Template::quality).containsExactlyInAnyOrder(0.99f, 0.95f, 0.9f, 0.8f, 0.7f);
    }

    @Test
    void refusesAHighQualityFaceOfSomeoneElse() {
        float[] alice = person(), bob = person();
        List<Template> kept = new ArrayList<>();
        for (float q : new float[] {0.6f, 0.62f, 0.64f}) kept = offerAll(kept, face(alice), q, 5);
        assertThat(face(alice).cosine(face(alice))).as("faces of one person agree").isGreaterThan(0.5f);
        assertThat(face(alice).cosine(face(bob))).as("faces of two people do not").isLessThan(0.2f);

        var verdict = BestTemplates.decide(kept, face(bob), 1.0f, 5, 0.3f);
        assertThat(verdict.action()).isEqualTo(BestTemplates.Verdict.Action.REFUSE);
        assertThat(verdict.reason()).contains("disagrees");
        assertThat(BestTemplates.decide(kept, face(alice), 0.1f, 5, 0.3f).action()).as("room left: added")
                .isEqualTo(BestTemplates.Verdict.Action.ADD);
    }

    @Test
    void aFullProfileReplacesItsWorstOnlyWithABetterFace() {
        float[] alice = person();
        List<Template> kept = new ArrayList<>();
        for (float q : new float[] {0.6f, 0.7f, 0.8f}) kept = offerAll(kept, face(alice), q, 3);
        String worst = kept.stream().min(Comparator.comparingDouble(Template::quality)).orElseThrow().id();
        assertThat(BestTemplates.decide(kept, face(alice), 0.59f, 3, 0.3f).action()).isEqualTo(BestTemplates.Verdict.Action.REFUSE);
        var better = BestTemplates.decide(kept, face(alice), 0.75f, 3, 0.3f);
        assertThat(better.action()).isEqualTo(BestTemplates.Verdict.Action.REPLACE);
        assertThat(better.templateId()).isEqualTo(worst);
    }
}
