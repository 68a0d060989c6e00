package dev.vigil.eval;

import dev.vigil.engine.Embedding;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Cosine similarities of labeled image pairs. A pair where either image has no face scores {@link #NO_FACE}: it
 * counts as a non-match (a genuine pair lost, an impostor pair rightly refused), never as a pair left out.
 *
 * @param folds       number of cross-validation folds (1: no folds)
 * @param impostorsOf how many impostor pairs existed before sampling (equal to the impostor count when not sampled)
 */
public record PairScores(String description, double[] scores, boolean[] same, int[] fold, int folds, long impostorsOf,
                         int pairsWithoutFace) {
    public static final double NO_FACE = -1;

    /** The pairs of an LFW-style list, with its folds. */
    public static PairScores ofPairs(String description, LfwPairs pairs, ImageEmbeddings embeddings) {
        int n = pairs.pairs().size(), missing = 0, impostors = 0;
        double[] scores = new double[n];
        boolean[] same = new boolean[n];
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            LfwPairs.Pair p = pairs.pairs().get(i);
            scores[i] = score(embeddings.of(p.first()), embeddings.of(p.second()));
            if (scores[i] == NO_FACE) missing++;
            same[i] = p.same();
            if (!p.same()) impostors++;
            fold[i] = p.fold();
        }
        return new PairScores(description, scores, same, fold, pairs.folds(), impostors, missing);
    }

    /**
     * Every genuine pair within each identity folder, and every impostor pair when there are at most
     * {@code maxImpostors}; else that many drawn at random (seeded): LFW has tens of millions.
     */
    public static PairScores ofIdentities(String description, LabeledFaces faces, ImageEmbeddings embeddings,
                                          int maxImpostors, long seed) {
        List<LabeledFaces.Identity> ids = faces.identities();
        long genuine = 0, images = 0, impostorsOf = 0;
        for (var id : ids) {
            long k = id.images().size();
            genuine += k * (k - 1) / 2;
            images += k;
        }
        for (var id : ids) impostorsOf += id.images().size() * (images - id.images().size());
        impostorsOf /= 2;
        int impostors = (int) Math.min(maxImpostors, impostorsOf);
        int n = Math.toIntExact(genuine + impostors), i = 0, missing = 0;
        double[] scores = new double[n];
        boolean[] same = new boolean[n];
        for (var id : ids) {
            List<Path> im = id.images();
            for (int a = 0; a < im.size(); a++) {
                for (int b = a + 1; b < im.size(); b++, i++) {
                    scores[i] = score(embeddings.of(im.get(a)), embeddings.of(im.get(b)));
                    same[i] = true;
                    if (scores[i] == NO_FACE) missing++;
                }
            }
        }
        int[] owner = new int[(int) images];
        Path[] all = new Path[(int) images];
        for (int k = 0, j = 0; k < ids.size(); k++) {
            for (Path p : ids.get(k).images()) {
                owner[j] = k;
                all[j++] = p;
            }
        }
        if (impostors == impostorsOf) { // few enough to take every one
            for (int a = 0; a < all.length; a++) {
                for (int b = a + 1; b < all.length; b++) {
                    if (owner[a] == owner[b]) continue;
                    scores[i] = score(embeddings.of(all[a]), embeddings.of(all[b]));
                    if (scores[i++] == NO_FACE) missing++;
                }
            }
        }
        Random rnd = new Random(seed);
        while (i < n) {
            int a = rnd.nextInt(all.length), b = rnd.nextInt(all.length);
            if (owner[a] == owner[b]) continue;
            scores[i] = score(embeddings.of(all[a]), embeddings.of(all[b]));
            if (scores[i] == NO_FACE) missing++;
            i++;
        }
        return new PairScores(description, scores, same, new int[n], 1, impostorsOf, missing);
    }

    private static double score(Embedding a, Embedding b) {
        return a == null || b == null ? NO_FACE : a.cosine(b);
    }

    public double[] genuine() {
        return Verification.genuine(scores, same);
    }

    public double[] impostor() {
        return Verification.impostor(scores, same);
    }

    public int genuineCount() {
        int g = 0;
        for (boolean s : same) if (s) g++;
        return g;
    }

    public int impostorCount() {
        return scores.length - genuineCount();
    }
}
