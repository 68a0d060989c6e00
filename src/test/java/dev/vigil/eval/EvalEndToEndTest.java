package dev.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.TestFaces;
import dev.vigil.engine.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole evaluation on real labeled photos (the two small sets of ../shared/faces), from images to report files. */
class EvalEndToEndTest {

    @Test
    void aSmallLabeledSetGivesAFullReportWithMissedFacesCounted(@TempDir Path tmp) throws Exception {
        Path root = TestFaces.sharedFaces();
        var faces = LabeledFaces.scan(root, Set.of("lfw", "group_photos", "unlabeled", "non_face"));
        assertThat(faces.identities()).hasSize(18);
        var cache = EmbeddingCache.open(tmp.resolve("cache"), Models.ensure(TestFaces.engine().config().modelDir()).values());
        var embeddings = ImageEmbeddings.compute(TestFaces.engine(), faces.images(), cache, 2, (d, t) -> { });
        assertThat(embeddings.embeddings().size() + embeddings.noFace().size() + embeddings.unreadable().size())
                .isEqualTo(faces.imageCount());
        assertThat(cache.size()).isEqualTo(faces.imageCount());
        // The detector misses this grayscale crop: it must be reported, not dropped.
        assertThat(embeddings.noFace()).contains(root.resolve("faceapi_bbt/leonard/leonard5.png").toAbsolutePath().normalize());

        var report = Evaluation.run(faces, null, null, embeddings, new Evaluation.Settings("test", "model", List.of(0),
                0.5, 0.25, "test", null));
        long genuine = 0, images = faces.imageCount(), cross = 0;
        for (var id : faces.identities()) {
            int n = id.images().size();
            genuine += (long) n * (n - 1) / 2;
            cross += (long) n * (images - n);
        }
        PairScores pairs = report.verification().pairs();
        assertThat(pairs.genuineCount()).isEqualTo(genuine);
        assertThat(pairs.impostorCount()).isEqualTo(cross / 2); // fewer than the sample size: all of them
        assertThat(pairs.pairsWithoutFace()).isPositive();
        assertThat(report.verification().accuracy()).isGreaterThan(0.9);
        assertThat(report.openSet()).hasSize(2);
        assertThat(report.openSet(1).get(0).enrolledIdentities()).isEqualTo(9);

        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        ReportJson.write(report, out.resolve("report.json"));
        Plots.writeAll(report, out);
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.at("/verification/accuracy").asDouble()).isEqualTo(report.verification().accuracy());
        assertThat(json.at("/verification/threshold").isNumber()).isTrue();
        assertThat(json.at("/verification/tar_at_far/0.1").isNumber()).isTrue();
        assertThat(json.at("/verification/tar_at_far/0.0001").isNull()).isTrue(); // a few thousand impostors: not measurable
        assertThat(json.at("/detection/no_face").asInt()).isEqualTo(embeddings.noFace().size());
        assertThat(json.at("/open_set/0/rates")).hasSize(EvalReport.thresholdGrid().length);
        for (String png : List.of("roc.png", "similarity.png", "open_set.png")) {
            assertThat(javax.imageio.ImageIO.read(out.resolve(png).toFile()).getWidth()).as(png).isEqualTo(900);
        }
        assertThat(ReportMarkdown.render(report, "")).contains("leonard5.png").contains("## Open-set identification");

        // A second run reads every embedding from the cache file.
        var reopened = EmbeddingCache.open(tmp.resolve("cache"), Models.ensure(TestFaces.engine().config().modelDir()).values());
        assertThat(reopened.size()).isEqualTo(faces.imageCount());
        Path someImage = faces.images().get(0);
        assertThat(reopened.get(someImage)).isEqualTo(cache.get(someImage));
    }
}
