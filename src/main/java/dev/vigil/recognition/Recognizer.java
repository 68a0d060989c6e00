package dev.vigil.recognition;

import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.Embedding;
import dev.vigil.engine.Face;
import dev.vigil.engine.FaceEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * 1:N identification and 1:1 verification. Every face gets a decision: PASS (known, at or above the accept
 * threshold), REJECT (nearest known person named, but below it) or UNKNOWN.
 */
public final class Recognizer {

    /** A subject and how alike the face is to that subject's best template. */
    public record Candidate(String subjectId, String name, float similarity) {
    }

    /** One face and what Vigil decided about it. {@code subject} is null for UNKNOWN. */
    public record Identified(Face face, Decision decision, Candidate subject, float similarity, List<Candidate> candidates) {
    }

    /** The result of comparing one face with another face or with a subject. */
    public record Verified(Decision decision, float similarity, Face probe) {
    }

    private final FaceEngine engine;
    private final EmbeddingIndex index;
    private final Function<String, Optional<String>> subjectName;
    private final Thresholds thresholds;
    private final int maxCandidates;
    private final Penalty penalty;

    public Recognizer(FaceEngine engine, EmbeddingIndex index, Function<String, Optional<String>> subjectName,
                      Thresholds thresholds, int maxCandidates) {
        this(engine, index, subjectName, thresholds, maxCandidates, Penalty.NONE);
    }

    /** @param penalty applied to every candidate's similarity before the thresholds decide */
    public Recognizer(FaceEngine engine, EmbeddingIndex index, Function<String, Optional<String>> subjectName,
                      Thresholds thresholds, int maxCandidates, Penalty penalty) {
        this.penalty = penalty;
        this.engine = engine;
        this.index = index;
        this.subjectName = subjectName;
        this.thresholds = thresholds;
        this.maxCandidates = maxCandidates;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /** Every face in the image, each decided on its own. */
    public List<Identified> identify(DecodedImage image) {
        return identify(image, UnaryOperator.identity());
    }

    /** The faces {@code select} keeps of those found (a caller's detection floor or face limit), each decided. */
    public List<Identified> identify(DecodedImage image, UnaryOperator<List<Face>> select) {
        List<Identified> out = new ArrayList<>();
        for (Face f : select.apply(engine.analyze(image, AnalyzeOptions.FULL).faces())) out.add(identify(f));
        return out;
    }

    public Identified identify(Face face) {
        List<Match> matches = index.search(face.embedding(), maxCandidates).stream()
                .map(m -> new Match(m.subjectId(), m.templateId(), penalty.adjust(m.subjectId(), face.embedding(), m.similarity())))
                .sorted(Comparator.comparingDouble(Match::similarity).reversed()).toList();
        List<Candidate> candidates = new ArrayList<>(matches.size());
        for (Match m : matches) {
            // A subject deleted between search and lookup is simply left out.
            subjectName.apply(m.subjectId()).ifPresent(name -> candidates.add(new Candidate(m.subjectId(), name, m.similarity())));
        }
        Thresholds.Verdict verdict = thresholds.decide(matches.stream()
                .filter(m -> candidates.stream().anyMatch(c -> c.subjectId().equals(m.subjectId()))).toList());
        Candidate best = verdict.best() == null ? null : candidates.stream()
                .filter(c -> c.subjectId().equals(verdict.best().subjectId())).findFirst().orElse(null);
        float similarity = candidates.isEmpty() ? 0f : candidates.get(0).similarity();
        return new Identified(face, verdict.decision(), best, similarity, List.copyOf(candidates));
    }

    /** One face of an image and how alike it is to a reference face. */
    public record Scored(Face face, float similarity) {
    }

    /** Every face found, analysed but not decided: for callers that only detect. */
    public List<Face> faces(DecodedImage image) {
        return engine.analyze(image, AnalyzeOptions.FULL).faces();
    }

    /** Every face of {@code image} with its similarity to {@code reference}, in detection order. */
    public List<Scored> against(DecodedImage image, Embedding reference) {
        return faces(image).stream().map(f -> new Scored(f, f.embedding().cosine(reference))).toList();
    }

    /** The largest face of {@code image}, if it has any. */
    public Optional<Face> largestFace(DecodedImage image) {
        return faces(image).stream().max(Comparator.comparingDouble(f -> f.box().area()));
    }

    /** 1:1: the largest face of each image. Empty when either image has no face. */
    public Optional<Verified> verify(DecodedImage first, DecodedImage second) {
        Optional<Face> a = largestFace(first), b = largestFace(second);
        if (a.isEmpty() || b.isEmpty()) return Optional.empty();
        float s = a.get().embedding().cosine(b.get().embedding());
        return Optional.of(new Verified(decide(s), s, a.get()));
    }

    /** 1:1 against a subject: the largest face against the subject's best-matching template. */
    public Optional<Verified> verify(DecodedImage image, List<Embedding> subjectTemplates) {
        Optional<Face> probe = largestFace(image);
        if (probe.isEmpty()) return Optional.empty();
        if (subjectTemplates.isEmpty()) return Optional.of(new Verified(Decision.UNKNOWN, 0f, probe.get()));
        float best = -1;
        for (Embedding t : subjectTemplates) best = Math.max(best, probe.get().embedding().cosine(t));
        return Optional.of(new Verified(decide(best), best, probe.get()));
    }

    /** For a single comparison there is no "someone else": below accept is a REJECT. */
    private Decision decide(float similarity) {
        return similarity >= thresholds.accept() ? Decision.PASS : Decision.REJECT;
    }

}
