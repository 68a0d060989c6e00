package dev.vigil.eval;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One evaluation from embeddings to report: verification, open-set identification and, if asked, calibration. */
public final class Evaluation {
    /** Impostor pairs drawn from identity folders: enough to measure FAR 1e-4 with 100 impostors above the threshold. */
    public static final int IMPOSTOR_SAMPLE = 1_000_000;
    public static final long SEED = 1;

    private Evaluation() {
    }

    /**
     * @param gallerySizes identities per open-set gallery; 0 or more than there are means all
     * @param accept       the thresholds to evaluate when not calibrating
     * @param calibrate    null to evaluate the given thresholds; else the limits to calibrate for
     */
    public record Settings(String command, String model, List<Integer> gallerySizes, double accept, double rejectFloor,
                           String thresholdSource, Limits calibrate) {
    }

    public record Limits(double targetFar, double maxStrangerPass) {
    }

    public static EvalReport run(LabeledFaces faces, LfwPairs pairs, Path pairsFile, ImageEmbeddings embeddings, Settings s) {
        VerificationResult pairResult = pairs == null ? null
                : VerificationResult.of(PairScores.ofPairs("pairs in " + pairsFile, pairs, embeddings));
        VerificationResult identityResult = VerificationResult.of(PairScores.ofIdentities(
                "identity folders of " + faces.root(), faces, embeddings, IMPOSTOR_SAMPLE, SEED));
        List<OpenSet.Result> open = new ArrayList<>();
        int all = faces.identities().size();
        for (int templates : new int[] {1, 3}) {
            for (int size : s.gallerySizes().stream().map(n -> n <= 0 || n > all ? all : n).distinct().sorted().toList()) {
                open.add(OpenSet.run(faces, embeddings, size, templates, SEED));
            }
        }
        double accept = s.accept(), floor = s.rejectFloor();
        String source = s.thresholdSource();
        Calibrator.Proposal proposal = null;
        if (s.calibrate() != null) {
            List<OpenSet.Result> one = open.stream().filter(o -> o.templatesPerIdentity() == 1).toList();
            proposal = Calibrator.propose(identityResult, one.get(one.size() - 1), s.calibrate().targetFar(),
                    s.calibrate().maxStrangerPass());
            accept = proposal.accept();
            floor = proposal.rejectFloor();
            source = "calibrated by this run";
        }
        int images = faces.imageCount();
        return new EvalReport(s.command(), Instant.now(), faces.root(), s.model(), all, images, embeddings.noFace(),
                embeddings.unreadable(), pairResult, identityResult, open, accept, floor, source, proposal);
    }
}
