package dev.vigil.eval;

import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.Embedding;
import dev.vigil.engine.Face;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.engine.ImageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedding per labeled image: the face nearest the image centre (a labeled photo is framed on its subject; LFW
 * crops are centred on theirs). Images where the detector finds no face, or that cannot be decoded, are listed, never
 * dropped silently: an evaluation counts them as failures.
 */
public record ImageEmbeddings(Map<Path, Embedding> embeddings, List<Path> noFace, List<Path> unreadable) {

    /** Called after each image with (done, total). */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    public Embedding of(Path image) {
        return embeddings.get(image);
    }

    public static ImageEmbeddings compute(FaceEngine engine, List<Path> images, EmbeddingCache cache, int workers,
                                          Progress progress) throws IOException {
        Map<Path, Embedding> found = new ConcurrentHashMap<>();
        List<Path> noFace = Collections.synchronizedList(new ArrayList<>());
        List<Path> unreadable = Collections.synchronizedList(new ArrayList<>());
        var decoder = new ImageDecoder();
        var done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            List<Future<?>> jobs = new ArrayList<>(images.size());
            for (Path image : images) {
                jobs.add(pool.submit(() -> {
                    try {
                        Optional<Embedding> e = cache.get(image);
                        if (e == null) {
                            e = embed(engine, decoder, image);
                            cache.put(image, e);
                        }
                        e.ifPresentOrElse(v -> found.put(image, v), () -> noFace.add(image));
                    } catch (ImageException bad) {
                        unreadable.add(image);
                    } catch (IOException io) {
                        throw new UncheckedIOException(io);
                    }
                    int n = done.incrementAndGet();
                    progress.update(n, images.size());
                    if (n % 1000 == 0) saveQuietly(cache); // a long run interrupted keeps most of its work
                    return null;
                }));
            }
            for (Future<?> job : jobs) job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        cache.save();
        return new ImageEmbeddings(found, sorted(noFace), sorted(unreadable));
    }

    private static Optional<Embedding> embed(FaceEngine engine, ImageDecoder decoder, Path image) throws IOException {
        try (DecodedImage img = decoder.decode(Files.readAllBytes(image))) {
            double cx = img.width() / 2.0, cy = img.height() / 2.0;
            return engine.analyze(img, AnalyzeOptions.EMBED).faces().stream()
                    .min(Comparator.comparingDouble((Face f) -> Math.hypot(f.box().centerX() - cx, f.box().centerY() - cy)))
                    .map(Face::embedding);
        }
    }

    private static void saveQuietly(EmbeddingCache cache) {
        try {
            cache.save();
        } catch (IOException e) {
            // the final save reports it
        }
    }

    private static List<Path> sorted(List<Path> paths) {
        return paths.stream().sorted().toList();
    }
}
