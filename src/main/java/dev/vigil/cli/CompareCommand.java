package dev.vigil.cli;

import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.Face;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vigil compare A B}: cosine similarity of the largest face in each image. */
@Command(name = "compare", description = "Print the cosine similarity of the largest face in each of two images.")
final class CompareCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Parameters(index = "0", paramLabel = "A")
    Path first;

    @Parameters(index = "1", paramLabel = "B")
    Path second;

    @Override
    public Integer call() throws Exception {
        var decoder = new ImageDecoder();
        try (FaceEngine fe = engine.open()) {
            Optional<Face> a = largestFace(fe, decoder, first), b = largestFace(fe, decoder, second);
            if (a.isEmpty() || b.isEmpty()) {
                System.err.println("vigil: no face found in " + (a.isEmpty() ? first : second));
                return 2;
            }
            System.out.printf("%.4f%n", a.get().embedding().cosine(b.get().embedding()));
            return 0;
        }
    }

    static Optional<Face> largestFace(FaceEngine fe, ImageDecoder decoder, Path file) throws java.io.IOException {
        try (DecodedImage img = decoder.decode(Files.readAllBytes(file))) {
            return fe.analyze(img, AnalyzeOptions.EMBED).faces().stream()
                    .max(Comparator.comparingDouble(f -> f.box().area()));
        }
    }
}
