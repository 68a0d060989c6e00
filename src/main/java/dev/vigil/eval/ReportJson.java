package dev.vigil.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code report.json}: the report for machines. Rates are fractions; FAR keys are plain decimals ("0.001"). */
public final class ReportJson {
    private ReportJson() {
    }

    public static void write(EvalReport r, Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).writeValue(file.toFile(), tree(r));
    }

    static Map<String, Object> tree(EvalReport r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("command", r.command());
        m.put("time", r.time().toString());
        m.put("dataset", r.dataset().toString());
        m.put("model", r.model());
        var detection = new LinkedHashMap<String, Object>();
        detection.put("identities", r.identities());
        detection.put("images", r.images());
        detection.put("no_face", r.noFace().size());
        detection.put("unreadable", r.unreadable().size());
        detection.put("no_face_files", r.noFace().stream().map(Path::toString).toList());
        detection.put("unreadable_files", r.unreadable().stream().map(Path::toString).toList());
        m.put("detection", detection);
        var thresholds = new LinkedHashMap<String, Object>();
        thresholds.put("accept", r.accept());
        thresholds.put("reject_floor", r.rejectFloor());
        thresholds.put("source", r.thresholdSource());
        m.put("thresholds", thresholds);
        m.put("verification", verification(r.verification()));
        if (r.pairVerification() != null) m.put("identity_verification", verification(r.identityVerification()));
        List<Object> open = new ArrayList<>();
        for (OpenSet.Result o : r.openSet()) open.add(openSet(o, r.accept()));
        m.put("open_set", open);
        if (r.calibration() != null) m.put("calibration", r.calibration());
        return m;
    }

    private static Map<String, Object> verification(VerificationResult v) {
        var m = new LinkedHashMap<String, Object>();
        PairScores p = v.pairs();
        m.put("pairs_from", p.description());
        m.put("genuine_pairs", p.genuineCount());
        m.put("impostor_pairs", p.impostorCount());
        m.put("impostor_pairs_sampled_from", p.impostorsOf());
        m.put("pairs_without_face", p.pairsWithoutFace());
        m.put("folds", p.folds());
        m.put("accuracy", v.accuracy());
        if (!Double.isNaN(v.accuracyStd())) m.put("accuracy_std", v.accuracyStd());
        m.put("threshold", v.threshold());
        m.put("auc", v.auc());
        m.put("tar_at_far", byFar(v.tarAtFar()));
        m.put("threshold_at_far", byFar(v.thresholdAtFar()));
        return m;
    }

    /** Null where the FAR cannot be measured: too few impostor pairs. */
    private static Map<String, Double> byFar(Map<Double, Double> values) {
        var m = new LinkedHashMap<String, Double>();
        values.forEach((far, value) -> m.put(ReportMarkdown.sci(far), value));
        return m;
    }

    private static Map<String, Object> openSet(OpenSet.Result o, double accept) {
        var m = new LinkedHashMap<String, Object>();
        m.put("gallery_identities", o.galleryIdentities());
        m.put("templates_per_identity", o.templatesPerIdentity());
        m.put("enrolled_identities", o.enrolledIdentities());
        m.put("templates", o.templates());
        m.put("enrolled_probes", o.enrolledProbes());
        m.put("enrolled_probes_without_face", o.enrolledProbesWithoutFace());
        m.put("stranger_identities", o.strangerIdentities());
        m.put("stranger_probes", o.strangerProbes());
        m.put("stranger_probes_without_face", o.strangerProbesWithoutFace());
        m.put("at_accept", rates(o.at(accept)));
        List<Object> rates = new ArrayList<>();
        for (double t : EvalReport.thresholdGrid()) rates.add(rates(o.at(t)));
        m.put("rates", rates);
        return m;
    }

    private static Map<String, Object> rates(OpenSet.Rates r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("threshold", r.threshold());
        m.put("enrolled_correct_pass", r.enrolledCorrectPass());
        m.put("enrolled_wrong_pass", r.enrolledWrongPass());
        m.put("stranger_pass", r.strangerPass());
        return m;
    }
}
