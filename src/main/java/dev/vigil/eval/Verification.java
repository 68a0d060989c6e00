package dev.vigil.eval;

import java.util.Arrays;

/** Verification statistics over scored pairs (higher score = more alike). Pure functions. */
public final class Verification {
    private Verification() {
    }

    /** The threshold that maximises accuracy on the given pairs, and that accuracy. */
    public record Threshold(double threshold, double accuracy) {
    }

    public static Threshold bestThreshold(double[] scores, boolean[] same) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        int positives = 0;
        for (boolean s : same) if (s) positives++;
        // Threshold below everything: all accepted, correct = positives.
        int correct = positives, best = correct;
        double bestT = scores.length == 0 ? 0 : scores[order[0]] - 1e-6;
        for (int k = 0; k < order.length; k++) {
            correct += same[order[k]] ? -1 : 1; // pair k moves to "rejected"
            boolean tie = k + 1 < order.length && scores[order[k + 1]] == scores[order[k]];
            if (!tie && correct > best) {
                best = correct;
                bestT = k + 1 < order.length ? (scores[order[k]] + scores[order[k + 1]]) / 2 : scores[order[k]] + 1e-6;
            }
        }
        return new Threshold(bestT, scores.length == 0 ? 0 : (double) best / scores.length);
    }

    public static double accuracyAt(double[] scores, boolean[] same, double threshold) {
        int correct = 0;
        for (int i = 0; i < scores.length; i++) if ((scores[i] >= threshold) == same[i]) correct++;
        return (double) correct / scores.length;
    }

    /** LFW protocol: for each fold, pick the threshold on the other folds and measure on this one. */
    public record TenFold(double meanAccuracy, double stdAccuracy, double[] foldAccuracies, double[] thresholds) {
    }

    public static TenFold kFold(double[] scores, boolean[] same, int[] fold, int folds) {
        double[] acc = new double[folds], thr = new double[folds];
        for (int f = 0; f < folds; f++) {
            int train = 0, test = 0;
            for (int x : fold) if (x == f) test++; else train++;
            double[] ts = new double[train], vs = new double[test];
            boolean[] tl = new boolean[train], vl = new boolean[test];
            for (int i = 0, a = 0, b = 0; i < scores.length; i++) {
                if (fold[i] == f) { vs[b] = scores[i]; vl[b++] = same[i]; }
                else { ts[a] = scores[i]; tl[a++] = same[i]; }
            }
            thr[f] = bestThreshold(ts, tl).threshold();
            acc[f] = accuracyAt(vs, vl, thr[f]);
        }
        double mean = Arrays.stream(acc).average().orElse(0);
        double var = Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum() / Math.max(1, folds - 1);
        return new TenFold(mean, Math.sqrt(var), acc, thr);
    }

    /** True accept rate at the threshold where the false accept rate among impostor pairs is at most {@code far}. */
    public static double tarAtFar(double[] scores, boolean[] same, double far) {
        double[] impostor = filter(scores, same, false), genuine = filter(scores, same, true);
        Arrays.sort(impostor);
        int allowed = (int) Math.floor(far * impostor.length);
        double threshold = allowed >= impostor.length ? Double.NEGATIVE_INFINITY
                : Math.nextUp(impostor[impostor.length - 1 - allowed]);
        long accepted = Arrays.stream(genuine).filter(s -> s >= threshold).count();
        return (double) accepted / genuine.length;
    }

    private static double[] filter(double[] scores, boolean[] same, boolean want) {
        return java.util.stream.IntStream.range(0, scores.length).filter(i -> same[i] == want).mapToDouble(i -> scores[i]).toArray();
    }
}
