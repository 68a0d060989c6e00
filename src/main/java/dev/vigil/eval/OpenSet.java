package dev.vigil.eval;

import dev.vigil.engine.Embedding;
import dev.vigil.recognition.FaceIndex;
import dev.vigil.recognition.Match;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Open-set identification the way the server runs it: identities are enrolled into a {@link FaceIndex}, and each
 * probe photo's nearest subject and similarity decide PASS at a threshold. Half of a gallery's identities are
 * enrolled, the other half never are; their photos probe for strangers being PASSed as someone.
 */
public final class OpenSet {
    /** Probes per identity at most, so one person with hundreds of photos (LFW's George W Bush) cannot dominate. */
    public static final int MAX_PROBES_PER_IDENTITY = 10;

    private OpenSet() {
    }

    /**
     * One experiment's raw outcome. Similarities are those of each probe's nearest subject; a probe without a face
     * counts in its total but is never PASSed.
     *
     * @param correctSimilarity enrolled probes whose nearest subject is their own
     * @param wrongSimilarity   enrolled probes whose nearest subject is someone else
     * @param strangerSimilarity never-enrolled probes
     */
    public record Result(int galleryIdentities, int templatesPerIdentity, int enrolledIdentities, int templates,
                         int enrolledProbes, int enrolledProbesWithoutFace, int strangerIdentities, int strangerProbes,
                         int strangerProbesWithoutFace, double[] correctSimilarity, double[] wrongSimilarity,
                         double[] strangerSimilarity) {

        public Rates at(double threshold) {
            return new Rates(threshold, count(correctSimilarity, threshold) / (double) Math.max(1, enrolledProbes),
                    count(wrongSimilarity, threshold) / (double) Math.max(1, enrolledProbes),
                    count(strangerSimilarity, threshold) / (double) Math.max(1, strangerProbes));
        }

        /** The lowest threshold at which at most {@code rate} of the stranger probes (counting faceless ones) PASS. */
        public double thresholdForStrangerRate(double rate) {
            double[] s = strangerSimilarity.clone();
            Arrays.sort(s);
            int allowed = (int) Math.floor(rate * strangerProbes);
            return allowed >= s.length ? Double.NEGATIVE_INFINITY : Math.nextUp(s[s.length - 1 - allowed]);
        }

        private static long count(double[] values, double threshold) {
            return Arrays.stream(values).filter(v -> v >= threshold).count();
        }
    }

    /** At one threshold: enrolled probes PASSed as themselves, PASSed as someone else, and strangers PASSed. */
    public record Rates(double threshold, double enrolledCorrectPass, double enrolledWrongPass, double strangerPass) {
    }

    /**
     * @param galleryIdentities how many identities take part (at most all); half enrolled, half never
     * @param templates         photos enrolled per identity (fewer when an identity has too few photos with a face)
     */
    public static Result run(LabeledFaces faces, ImageEmbeddings embeddings, int galleryIdentities, int templates, long seed) {
        Random rnd = new Random(seed);
        List<LabeledFaces.Identity> chosen = new ArrayList<>(faces.identities());
        Collections.shuffle(chosen, rnd);
        chosen = new ArrayList<>(chosen.subList(0, Math.min(galleryIdentities, chosen.size())));
        // Enrol people with a second photo first, so enrolled people can be probed at all; the sort keeps the shuffle otherwise.
        chosen.sort(Comparator.comparingInt(id -> id.images().size() >= 2 ? 0 : 1));
        int enrolledCount = chosen.size() / 2;

        var index = new FaceIndex();
        List<LabeledFaces.Identity> enrolled = new ArrayList<>();
        List<List<Path>> enrolledProbeLists = new ArrayList<>();
        int templateCount = 0;
        for (var id : chosen.subList(0, enrolledCount)) {
            List<Path> photos = new ArrayList<>(id.images());
            Collections.shuffle(photos, rnd);
            List<Path> probes = new ArrayList<>();
            int used = 0;
            // Keep one photo to probe with, unless there is only one: that person is still enrolled, as a distractor.
            int lastTemplate = photos.size() >= 2 ? photos.size() - 2 : 0;
            for (int j = 0; j < photos.size(); j++) {
                Path p = photos.get(j);
                Embedding e = embeddings.of(p);
                // Enrolment refuses a photo without a face; the user would pick the next one.
                if (used < templates && e != null && j <= lastTemplate) {
                    index.add(id.name() + "#" + used, id.name(), e);
                    used++;
                } else {
                    probes.add(p);
                }
            }
            if (used == 0) continue;
            templateCount += used;
            enrolled.add(id);
            enrolledProbeLists.add(probes.subList(0, Math.min(MAX_PROBES_PER_IDENTITY, probes.size())));
        }

        var correct = new ArrayList<Double>();
        var wrong = new ArrayList<Double>();
        int enrolledProbes = 0, enrolledNoFace = 0;
        for (int i = 0; i < enrolled.size(); i++) {
            for (Path p : enrolledProbeLists.get(i)) {
                enrolledProbes++;
                Embedding e = embeddings.of(p);
                if (e == null) {
                    enrolledNoFace++;
                    continue;
                }
                Match best = index.search(e, 1).get(0);
                (best.subjectId().equals(enrolled.get(i).name()) ? correct : wrong).add((double) best.similarity());
            }
        }
        var strangers = chosen.subList(enrolledCount, chosen.size());
        var stranger = new ArrayList<Double>();
        int strangerProbes = 0, strangerNoFace = 0;
        for (var id : strangers) {
            for (Path p : id.images().subList(0, Math.min(MAX_PROBES_PER_IDENTITY, id.images().size()))) {
                strangerProbes++;
                Embedding e = embeddings.of(p);
                if (e == null) {
                    strangerNoFace++;
                    continue;
                }
                if (index.size() > 0) stranger.add((double) index.search(e, 1).get(0).similarity());
            }
        }
        return new Result(chosen.size(), templates, enrolled.size(), templateCount, enrolledProbes, enrolledNoFace,
                strangers.size(), strangerProbes, strangerNoFace, toArray(correct), toArray(wrong), toArray(stranger));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
