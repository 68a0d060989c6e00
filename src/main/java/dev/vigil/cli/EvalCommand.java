package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.config.Calibration;
import dev.vigil.engine.FaceEngine;
import dev.vigil.eval.EvalReport;
import dev.vigil.eval.Evaluation;
import dev.vigil.eval.Plots;
import dev.vigil.eval.ReportJson;
import dev.vigil.eval.ReportMarkdown;
import java.nio.file.Files;
import dev.vigil.engine.Models;
import dev.vigil.eval.EmbeddingCache;
import dev.vigil.eval.ImageEmbeddings;
import dev.vigil.eval.LabeledFaces;
import dev.vigil.eval.LfwPairs;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil eval DIR}: accuracy on labeled faces, as a Markdown report, JSON and plots. */
@Command(name = "eval", description = "Measure accuracy on labeled faces (DIR/<person>/<images>, optional LFW pairs.txt).")
final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path dir;

    @Option(names = "--pairs", paramLabel = "FILE", description = "LFW-style pairs.txt; its images are under the file's folder.")
    Path pairs;

    @Option(names = "--out", paramLabel = "OUTDIR", defaultValue = "eval-report", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--exclude", split = ",", paramLabel = "FOLDER",
            description = "Top-level folders of DIR that are not identity folders (e.g. group_photos).")
    List<String> exclude = List.of();

    @Option(names = "--cache", paramLabel = "DIR", description = "Embedding cache (default ~/.cache/vigil/eval).")
    Path cache;

    @Option(names = "--workers", paramLabel = "N", description = "Images embedded in parallel (default: cores).")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--gallery-sizes", split = ",", defaultValue = "100,1000,0", paramLabel = "N",
            description = "Identities per open-set gallery, half enrolled; 0 = all (default ${DEFAULT-VALUE}).")
    List<Integer> gallerySizes;

    @Option(names = "--calibrate", description = "Propose accept and reject-floor thresholds from this data.")
    boolean calibrate;

    @Option(names = "--target-far", defaultValue = "0.001", paramLabel = "RATE",
            description = "Calibration: impostor pairs allowed to pass (default ${DEFAULT-VALUE}).")
    double targetFar;

    @Option(names = "--max-stranger-pass", defaultValue = "0.01", paramLabel = "RATE",
            description = "Calibration: never-enrolled probes allowed to PASS in the largest gallery (default ${DEFAULT-VALUE}).")
    double maxStrangerPass;

    @Option(names = "--write-resource", paramLabel = "FILE", arity = "0..1",
            fallbackValue = "src/main/resources/" + Calibration.RESOURCE,
            description = "With --calibrate: write the thresholds the release ships (default ${FALLBACK-VALUE}).")
    Path writeResource;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Where the Markdown report goes (default OUTDIR/report.md).")
    Path markdown;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (writeResource != null && !calibrate) throw new IllegalArgumentException("--write-resource needs --calibrate");
        LabeledFaces faces = LabeledFaces.scan(dir, Set.copyOf(exclude));
        if (faces.identities().isEmpty()) throw new IllegalArgumentException("no identity folders with images under " + dir);
        LfwPairs pairList = pairs == null ? null : LfwPairs.read(pairs, pairs.toAbsolutePath().normalize().getParent());
        Set<Path> images = new LinkedHashSet<>(faces.images());
        if (pairList != null) pairList.pairs().forEach(p -> {
            images.add(p.first());
            images.add(p.second());
        });
        var engineConfig = engineOptions.config();
        var cacheDir = cache != null ? cache : Models.cacheRoot().resolve("eval");
        EmbeddingCache embeddingCache = EmbeddingCache.open(cacheDir, Models.ensure(engineConfig.modelDir()).values());
        ImageEmbeddings embeddings;
        try (FaceEngine engine = FaceEngine.open(engineConfig)) {
            embeddings = ImageEmbeddings.compute(engine, List.copyOf(images), embeddingCache, workers,
                    (done, total) -> Progress.show(done, total, "images embedded"));
        }
        System.err.println();
        var shipped = Calibration.shipped();
        var settings = new Evaluation.Settings(commandLine(), Models.PACKAGE + " (" + Models.FEATURE + ")", gallerySizes,
                shipped.accept(), shipped.rejectFloor(), "shipped calibration, measured on " + shipped.calibratedOn(),
                calibrate ? new Evaluation.Limits(targetFar, maxStrangerPass) : null);
        System.err.println("scoring pairs and running open-set galleries...");
        EvalReport report = Evaluation.run(faces, pairList, pairs, embeddings, settings);

        Files.createDirectories(out);
        Path md = markdown != null ? markdown : out.resolve("report.md");
        if (md.toAbsolutePath().getParent() != null) Files.createDirectories(md.toAbsolutePath().getParent());
        String plots = md.toAbsolutePath().getParent().relativize(out.toAbsolutePath()).toString().replace('\\', '/');
        Files.writeString(md, ReportMarkdown.render(report, plots.isEmpty() ? "" : plots + "/"));
        ReportJson.write(report, out.resolve("report.json"));
        Plots.writeAll(report, out);
        if (writeResource != null) {
            if (report.calibration() == null) throw new IllegalArgumentException("--write-resource needs --calibrate");
            var c = report.calibration();
            var calibration = new Calibration((float) c.accept(), (float) c.rejectFloor(), dir + " ("
                    + faces.identities().size() + " identities, " + faces.imageCount() + " images)",
                    md.toString(), commandLine(), c.targetFar(), c.maxStrangerPass());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(writeResource.toFile(), calibration);
            System.out.println("wrote " + writeResource);
        }
        var v = report.verification();
        System.out.printf("%d identities, %d images (%d without a face, %d unreadable)%n", report.identities(),
                report.images(), report.noFace().size(), report.unreadable().size());
        System.out.printf("verification: accuracy %.4f, AUC %.5f, TAR@FAR %s%n", v.accuracy(), v.auc(), v.tarAtFar());
        System.out.printf("thresholds: accept %.2f, reject floor %.2f (%s)%n", report.accept(), report.rejectFloor(),
                report.thresholdSource());
        for (var o : report.openSet()) {
            var at = o.at(report.accept());
            System.out.printf("open set %d identities, %d template(s): enrolled PASS %.4f, wrong PASS %.4f, stranger PASS %.4f%n",
                    o.galleryIdentities(), o.templatesPerIdentity(), at.enrolledCorrectPass(), at.enrolledWrongPass(),
                    at.strangerPass());
        }
        System.out.println("report: " + md + ", " + out.resolve("report.json") + ", plots in " + out);
        return 0;
    }

    /** The command as typed (for the report's first line), from the options picocli parsed. */
    private String commandLine() {
        return "java -jar target/vigil.jar " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
