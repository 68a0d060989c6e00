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
        double threshold = thresholdAtFar(filter(scores, same, false), far);
        double[] genuine = filter(scores, same, true);
        return (double) Arrays.stream(genuine).filter(s -> s >= threshold).count() / genuine.length;
    }

    /**
     * The lowest threshold that lets at most {@code far} of the impostor scores through (scores at or above it pass).
     * Only meaningful when {@link #canMeasureFar} holds.
     */
    public static double thresholdAtFar(double[] impostorScores, double far) {
        double[] impostor = impostorScores.clone();
        Arrays.sort(impostor);
        int allowed = (int) Math.floor(far * impostor.length);
        return allowed >= impostor.length ? Double.NEGATIVE_INFINITY : Math.nextUp(impostor[impostor.length - 1 - allowed]);
    }

    /** A FAR can be measured only when at least one impostor pair may pass at it. */
    public static boolean canMeasureFar(int impostors, double far) {
        return far * impostors >= 1;
    }

    /** The fraction of scores at or above the threshold. */
    public static double rateAtOrAbove(double[] scores, double threshold) {
        return scores.length == 0 ? 0 : (double) Arrays.stream(scores).filter(s -> s >= threshold).count() / scores.length;
    }

    /** One ROC point: at this threshold, these rates of impostor (FAR) and genuine (TAR) pairs pass. */
    public record RocPoint(double threshold, double far, double tar) {
    }

    /** The ROC curve, one point per distinct score, from the strictest threshold to the most lenient. */
    public static java.util.List<RocPoint> roc(double[] scores, boolean[] same) {
        Integer[] order = descending(scores);
        int positives = 0;
        for (boolean s : same) if (s) positives++;
        int negatives = scores.length - positives, tp = 0, fp = 0;
        var points = new java.util.ArrayList<RocPoint>();
        points.add(new RocPoint(Double.POSITIVE_INFINITY, 0, 0));
        for (int k = 0; k < order.length; k++) {
            if (same[order[k]]) tp++; else fp++;
            boolean tie = k + 1 < order.length && scores[order[k + 1]] == scores[order[k]];
            if (!tie) points.add(new RocPoint(scores[order[k]], (double) fp / Math.max(1, negatives), (double) tp / Math.max(1, positives)));
        }
        return points;
    }

    /** Area under the ROC curve: the chance that a random genuine pair scores above a random impostor pair (ties half). */
    public static double auc(double[] scores, boolean[] same) {
        var roc = roc(scores, same);
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            area += (roc.get(i).far() - roc.get(i - 1).far()) * (roc.get(i).tar() + roc.get(i - 1).tar()) / 2;
        }
        return area;
    }

    private static Integer[] descending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        return order;
    }

    static double[] genuine(double[] scores, boolean[] same) {
        return filter(scores, same, true);
    }

    static double[] impostor(double[] scores, boolean[] same) {
        return filter(scores, same, false);
    }

    private static double[] filter(double[] scores, boolean[] same, boolean want) {
        return java.util.stream.IntStream.range(0, scores.length).filter(i -> same[i] == want).mapToDouble(i -> scores[i]).toArray();
    }
}
