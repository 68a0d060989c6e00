package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.Analysis;
import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.Face;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.FaceJson;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.engine.ImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil detect}: one JSON document describing every face in every image, so scripts embed in one process. */
@Command(name = "detect", description = "Detect faces and print them as one JSON array (one object per image).")
final class DetectCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = "--embeddings", description = "Include each face's 512-d embedding.")
    boolean embeddings;

    @Parameters(arity = "1..*", paramLabel = "IMG", description = "Image files (JPEG, PNG, BMP, WebP).")
    List<Path> images;

    @Override
    public Integer call() throws IOException {
        var decoder = new ImageDecoder();
        List<Map<String, Object>> out = new ArrayList<>();
        boolean anyError = false;
        try (FaceEngine fe = engine.open()) {
            for (Path image : images) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("image", image.toString());
                entry.put("faces", List.of());
                entry.put("error", null);
                try {
                    long t0 = System.nanoTime();
                    byte[] bytes = Files.readAllBytes(image);
                    try (DecodedImage img = decoder.decode(bytes)) {
                        double decodeMs = (System.nanoTime() - t0) / 1e6;
                        Analysis a = fe.analyze(img, AnalyzeOptions.FULL);
                        List<Map<String, Object>> faces = new ArrayList<>();
                        for (Face f : a.faces()) faces.add(FaceJson.of(f, true, embeddings));
                        entry.put("faces", faces);
                        entry.put("timings", timings(decodeMs, a.times()));
                    }
                } catch (ImageException e) {
                    entry.put("error", e.code() + ": " + e.getMessage());
                    anyError = true;
                } catch (IOException e) {
                    entry.put("error", "unreadable: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
                    anyError = true;
                }
                out.add(entry);
            }
        }
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        return anyError ? 2 : 0;
    }

    static Map<String, Object> timings(double decodeMs, Analysis.StageTimes t) {
        var m = new LinkedHashMap<String, Object>();
        m.put("decode_ms", FaceJson.round((float) decodeMs, 2));
        m.put("detect_ms", FaceJson.round((float) t.detect(), 2));
        m.put("landmarks_ms", FaceJson.round((float) t.landmarks(), 2));
        m.put("align_ms", FaceJson.round((float) t.align(), 2));
        m.put("embed_ms", FaceJson.round((float) t.embed(), 2));
        m.put("attributes_ms", FaceJson.round((float) t.attributes(), 2));
        m.put("total_ms", FaceJson.round((float) (decodeMs + t.total()), 2));
        return m;
    }
}
