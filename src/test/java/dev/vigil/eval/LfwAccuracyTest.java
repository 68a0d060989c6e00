package dev.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.TestFaces;
import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.Embedding;
import dev.vigil.engine.Face;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The LFW View 2 protocol (6000 pairs, 10 folds) on ../shared/faces/lfw; runs whenever ../shared is there. */
class LfwAccuracyTest {

    @Test
    void tenFoldAccuracyOnTheSixThousandLfwPairsIsAtLeast99point2Percent() throws Exception {
        Path lfw = TestFaces.sharedFaces().resolve("lfw");
        LfwPairs pairs = LfwPairs.read(lfw.resolve("pairs.txt"), lfw);
        assertThat(pairs.pairs()).hasSize(6000);

        List<Path> images = pairs.pairs().stream().flatMap(p -> java.util.stream.Stream.of(p.first(), p.second()))
                .distinct().toList();
        Map<Path, Embedding> embeddings = new ConcurrentHashMap<>();
        List<Path> missed = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        images.parallelStream().forEach(img -> {
            List<Face> faces = TestFaces.analyze(img, AnalyzeOptions.EMBED).faces();
            // Several faces: LFW's subject is the one nearest the centre of the (centred) crop.
            faces.stream().min(Comparator.comparingDouble(f -> Math.hypot(f.box().centerX() - 75, f.box().centerY() - 75)))
                    .ifPresentOrElse(f -> embeddings.put(img, f.embedding()), () -> missed.add(img));
        });

        int n = pairs.pairs().size();
        double[] scores = new double[n];
        boolean[] same = new boolean[n];
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            var p = pairs.pairs().get(i);
            Embedding a = embeddings.get(p.first()), b = embeddings.get(p.second());
            scores[i] = a == null || b == null ? -1 : a.cosine(b); // a missed face counts as a non-match, not dropped
            same[i] = p.same();
            fold[i] = p.fold();
        }
        var tenFold = Verification.kFold(scores, same, fold, pairs.folds());
        System.out.printf("LFW 6000 pairs: %d images, %d without a face; 10-fold accuracy %.4f +- %.4f; "
                        + "TAR@FAR=1%% %.4f, TAR@FAR=0.1%% %.4f; mean threshold %.3f%n",
                images.size(), missed.size(), tenFold.meanAccuracy(), tenFold.stdAccuracy(),
                Verification.tarAtFar(scores, same, 0.01), Verification.tarAtFar(scores, same, 0.001),
                java.util.Arrays.stream(tenFold.thresholds()).average().orElse(0));
        assertThat(tenFold.meanAccuracy()).isGreaterThanOrEqualTo(0.992);
    }
}
