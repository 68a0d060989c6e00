package dev.vigil.eval;

import dev.vigil.engine.Embedding;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Embeddings of image files kept on disk between evaluation runs, so that re-running over LFW's 12k images takes
 * seconds, not minutes. An entry is keyed by the file's absolute path, size and modification time; the whole cache
 * file is named by a checksum of the model files, so a different model never reads stale vectors. "No face found" is
 * cached too (as an empty entry): a miss is a result, not a gap.
 */
public final class EmbeddingCache {
    private static final int FORMAT = 1;
    private final Path file;
    private final Map<String, Optional<Embedding>> entries = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    private EmbeddingCache(Path file) {
        this.file = file;
    }

    /** Opens (or starts) the cache in {@code dir} for the models in {@code modelFiles}. */
    public static EmbeddingCache open(Path dir, Iterable<Path> modelFiles) throws IOException {
        var cache = new EmbeddingCache(dir.resolve("embeddings-" + checksum(modelFiles) + ".bin"));
        if (Files.exists(cache.file)) cache.load();
        return cache;
    }

    /** Empty optional: the image was seen and had no face. Null: not in the cache. */
    public Optional<Embedding> get(Path image) throws IOException {
        return entries.get(key(image));
    }

    public void put(Path image, Optional<Embedding> embedding) throws IOException {
        entries.put(key(image), embedding);
        dirty = true;
    }

    public int size() {
        return entries.size();
    }

    public Path file() {
        return file;
    }

    /** Writes the cache atomically (a killed run leaves the previous file intact). */
    public synchronized void save() throws IOException {
        if (!dirty) return;
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(FORMAT);
            for (var e : entries.entrySet()) {
                out.writeUTF(e.getKey());
                float[] v = e.getValue().map(Embedding::values).orElse(new float[0]);
                out.writeShort(v.length);
                for (float f : v) out.writeFloat(f);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        dirty = false;
    }

    private void load() throws IOException {
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != FORMAT) return; // an older layout: start afresh
            while (true) {
                String key;
                try {
                    key = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                float[] v = new float[in.readUnsignedShort()];
                for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
                entries.put(key, v.length == 0 ? Optional.empty() : Optional.of(new Embedding(v)));
            }
        }
    }

    private static String key(Path image) throws IOException {
        var attrs = Files.readAttributes(image, BasicFileAttributes.class);
        return image.toAbsolutePath().normalize() + "|" + attrs.size() + "|" + attrs.lastModifiedTime().toMillis();
    }

    private static String checksum(Iterable<Path> files) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) sha.update(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
