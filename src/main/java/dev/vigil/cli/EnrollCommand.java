package dev.vigil.cli;

import dev.vigil.config.VigilConfig;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.engine.Models;
import dev.vigil.gallery.Gallery;
import dev.vigil.gallery.ZipImport;
import dev.vigil.recognition.FaceIndex;
import dev.vigil.store.Stores;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil enroll DIR|ZIP}: the CLI twin of the ZIP import, writing straight into the configured gallery: the data
 * directory's SQLite file (stop the server first: SQLite has one writer) or the shared PostgreSQL database (running
 * servers pick the new templates up from the change feed). A folder is enrolled as if it were zipped.
 */
@Command(name = "enroll", description = "Enroll people from a folder or ZIP (file name or top folder = person).")
final class EnrollCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR|ZIP")
    Path source;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ./data, or $VIGIL_DATA).")
    Path data;

    @Option(names = "--config", paramLabel = "FILE")
    Path config;

    @Override
    public Integer call() throws Exception {
        var flags = new java.util.HashMap<String, Object>();
        flags.put("server.data", data);
        VigilConfig cfg = ServeCommand.load(config, flags);
        dev.vigil.access.Actor.set("cli");
        if (!Files.exists(source)) throw new java.nio.file.NoSuchFileException(source.toString());
        ZipImport.Source zip = Files.isDirectory(source) ? zipOfFolder(source) : () -> Files.newInputStream(source);
        int total = Files.isDirectory(source) ? countFiles(source) : -1;
        Files.createDirectories(cfg.server().data());
        var e = cfg.engine();
        Path models = e.models().isBlank() ? Models.defaultDirectory() : Path.of(e.models());
        try (var store = Stores.open(cfg.database(), cfg.server().data());
             var engine = FaceEngine.open(new EngineConfig(models, e.threads(), e.detectThreshold(), EngineConfig.defaults().nmsIou()))) {
            var gallery = new Gallery(store, new FaceIndex(), engine, new ImageDecoder(e.maxImageSide(), e.maxImagePixels()),
                    cfg.enrollment().minQuality());
            var s = cfg.server();
            var done = new AtomicInteger();
            var enrolled = new AtomicInteger();
            List<ZipImport.EntryResult> results = new ZipImport(gallery, s.maxUploadBytes(), s.maxZipBytes(), s.maxZipEntries())
                    .run(zip, r -> {
                        done.incrementAndGet();
                        if (r.templateId() != null) enrolled.incrementAndGet();
                        else System.out.printf("%nskipped %s: %s%n", r.entry(), r.reason());
                        Progress.show(done.get(), total, "files, " + enrolled.get() + " enrolled  " + r.entry());
                    });
            System.err.println();
            System.out.printf("enrolled %d face(s) of %d file(s) into %s%n", enrolled.get(), results.size(),
                    Stores.location(cfg.database(), cfg.server().data()));
            return 0;
        }
    }

    private static int countFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return (int) s.filter(Files::isRegularFile).count();
        }
    }

    /**
     * A folder as a ZIP stream, written by a background thread through a pipe (stored, not compressed), so a large
     * folder is never held in memory; entries are relative to the folder, so its subfolders name people.
     */
    private static ZipImport.Source zipOfFolder(Path dir) {
        return () -> {
            var in = new PipedInputStream(1 << 16);
            var out = new PipedOutputStream(in);
            Thread.ofVirtual().name("zip-folder").start(() -> {
                try (var zip = new ZipOutputStream(out); Stream<Path> s = Files.walk(dir)) {
                    zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
                    for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                        zip.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
                        Files.copy(p, zip);
                        zip.closeEntry();
                    }
                } catch (IOException e) {
                    // The reader sees a truncated archive and reports it; a closed pipe means the reader stopped.
                }
            });
            return in;
        };
    }
}
