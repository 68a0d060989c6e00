package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.TestFaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EmbeddingTest {

    @Test
    void theSameImageEmbeddedTwiceGivesIdenticalVectors() {
        byte[] photo = TestFaces.bytes(TestFaces.sample(1));
        List<Face> first = TestFaces.analyze(photo, AnalyzeOptions.EMBED).faces();
        List<Face> second = TestFaces.analyze(photo, AnalyzeOptions.EMBED).faces();
        assertThat(first).hasSize(3);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).embedding().values()).containsExactly(first.get(i).embedding().values());
        }
    }

    @Test
    void embeddingsAreUnitLength() {
        for (Face f : TestFaces.analyze(TestFaces.sample(4), AnalyzeOptions.EMBED).faces()) {
            double norm = 0;
            for (float v : f.embedding().values()) norm += v * v;
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    /**
     * Without labels, the npm photos still give impostor pairs (people in one photo are different people) and genuine
     * pairs (the same photo at half size, re-compressed hard). Every genuine pair beats every impostor pair.
     * (Across photos they are not independent: some people appear in several of them.)
     */
    @Test
    void aFaceMatchesItsDownscaledCopyBetterThanAnyoneElseInThePhoto() {
        float maxImpostor = -1, minGenuine = 2;
        for (Path p : TestFaces.samples()) {
            List<Face> faces = TestFaces.analyze(p, AnalyzeOptions.EMBED).faces();
            for (int i = 0; i < faces.size(); i++) {
                for (int j = i + 1; j < faces.size(); j++) maxImpostor = Math.max(maxImpostor, faces.get(i).embedding().cosine(faces.get(j).embedding()));
            }
            List<Face> small = TestFaces.analyze(TestFaces.halfSize(p), AnalyzeOptions.EMBED).faces();
            assertThat(small).hasSameSizeAs(faces);
            for (Face f : faces) {
                // The half-size copy reports half-size coordinates.
                Face twin = small.stream().max(Comparator.comparingDouble(s -> new BoundingBox(s.box().x1() * 2,
                        s.box().y1() * 2, s.box().x2() * 2, s.box().y2() * 2).iou(f.box()))).orElseThrow();
                minGenuine = Math.min(minGenuine, f.embedding().cosine(twin.embedding()));
            }
        }
        System.out.printf("npm samples: lowest genuine (half size) %.3f, highest same-photo impostor %.3f%n", minGenuine, maxImpostor);
        assertThat(minGenuine).isGreaterThan(0.8f);
        assertThat(maxImpostor).isLessThan(0.45f);
    }

    /**
     * Over every pair of a labeled set (face_recognition's examples: 10 people, photos years apart, different
     * cameras), each genuine pair scores higher than every impostor pair.
     */
    @Test
    void twoPhotosOfOnePersonScoreHigherThanPhotosOfDifferentPeople() throws IOException {
        Path root = TestFaces.sharedFaces().resolve("face_recognition_examples");
        record Labeled(String person, String file, Embedding e) {
        }
        List<Labeled> faces = new ArrayList<>();
        try (Stream<Path> people = Files.list(root)) {
            for (Path dir : people.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.sorted().toList()) {
                        // obama_partial_face*: half a face, deliberately hard; not a photo of "one person" to enrol.
                        if (f.getFileName().toString().contains("partial")) continue;
                        TestFaces.analyze(f, AnalyzeOptions.EMBED).faces().stream()
                                .max(Comparator.comparingDouble(x -> x.box().area()))
                                .ifPresent(face -> faces.add(new Labeled(dir.getFileName().toString(), f.getFileName().toString(), face.embedding())));
                    }
                }
            }
        }
        assertThat(faces).hasSizeGreaterThan(30);
        float minGenuine = 2, maxImpostor = -2;
        String worstGenuine = "", worstImpostor = "";
        for (int i = 0; i < faces.size(); i++) {
            for (int j = i + 1; j < faces.size(); j++) {
                Labeled a = faces.get(i), b = faces.get(j);
                float s = a.e().cosine(b.e());
                if (a.person().equals(b.person())) {
                    if (s < minGenuine) { minGenuine = s; worstGenuine = a.file() + " ~ " + b.file(); }
                } else if (s > maxImpostor) {
                    maxImpostor = s;
                    worstImpostor = a.file() + " ~ " + b.file();
                }
            }
        }
        System.out.printf("labeled set: lowest genuine %.3f (%s), highest impostor %.3f (%s)%n",
                minGenuine, worstGenuine, maxImpostor, worstImpostor);
        assertThat(minGenuine).as("lowest genuine (%s) vs highest impostor (%s)", worstGenuine, worstImpostor)
                .isGreaterThan(maxImpostor);
    }
}
