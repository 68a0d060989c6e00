package dev.vigil.learning;

import dev.vigil.engine.Embedding;
import dev.vigil.gallery.Template;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a new face joins a subject that keeps at most {@code max} templates: it must agree with the subject (mean
 * similarity to its templates at least {@code agreementFloor}, so a wrong match never poisons a profile); then it is
 * added while there is room, and otherwise replaces the worst template only if its quality is higher.
 */
public final class BestTemplates {
    private BestTemplates() {
    }

    /** What to do with the face: ADD, REPLACE {@code templateId}, or REFUSE saying why. */
    public record Verdict(Action action, String templateId, String reason) {
        public enum Action { ADD, REPLACE, REFUSE }

        static Verdict refuse(String reason) {
            return new Verdict(Action.REFUSE, null, reason);
        }
    }

    public static Verdict decide(List<Template> current, Embedding face, float quality, int max, float agreementFloor) {
        if (!current.isEmpty()) {
            double agreement = current.stream().mapToDouble(t -> t.embedding().cosine(face)).average().orElse(0);
            if (agreement < agreementFloor) {
                return Verdict.refuse(String.format("disagrees with the subject (mean similarity %.2f < %.2f)", agreement, agreementFloor));
            }
        }
        if (current.size() < max) return new Verdict(Verdict.Action.ADD, null, null);
        Template worst = current.stream().min(Comparator.comparingDouble(Template::quality)).orElseThrow();
        if (quality <= worst.quality()) {
            return Verdict.refuse(String.format("quality %.2f is not above the worst kept template's %.2f", quality, worst.quality()));
        }
        return new Verdict(Verdict.Action.REPLACE, worst.id(), null);
    }
}
