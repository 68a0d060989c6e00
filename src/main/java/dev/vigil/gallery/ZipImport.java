package dev.vigil.gallery;

import dev.vigil.engine.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Enrols people from a ZIP: {@code alice.jpg} enrols into "alice", {@code bob/1.jpg} into "bob" (a single folder
 * wrapping everything, as when a folder is zipped, is looked through). The archive is streamed, never held whole in
 * memory, and read twice: first to check it (paths, entry count, inflated size), so an unsafe archive is refused
 * before anything is stored; then to enrol entry by entry, each template committed before it is reported.
 */
public final class ZipImport {

    /** What happened to one entry: {@code enrolled} with subject and template, or {@code skipped} with a reason. */
    public record EntryResult(String entry, String subject, String status, String templateId, String reason) {
        static EntryResult enrolled(String entry, Gallery.Enrolled e) {
            return new EntryResult(entry, e.subject().name(), "enrolled", e.template().id(), null);
        }

        static EntryResult skipped(String entry, String subject, String reason) {
            return new EntryResult(entry, subject, "skipped", null, reason);
        }
    }

    /** The archive as a whole is refused: {@code unsafe_zip_path}, {@code zip_too_large}, {@code invalid_zip}... */
    public static final class RefusedZip extends RuntimeException {
        private final String code;

        public RefusedZip(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Opens the archive afresh; called once per pass. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    private static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".webp");

    private final Gallery gallery;
    private final long maxEntryBytes;
    private final long maxTotalBytes;
    private final int maxEntries;

    public ZipImport(Gallery gallery, long maxEntryBytes, long maxTotalBytes, int maxEntries) {
        this.gallery = gallery;
        this.maxEntryBytes = maxEntryBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.maxEntries = maxEntries;
    }

    /** Checks, then enrols; {@code progress} sees each entry's result as soon as it is committed. */
    public List<EntryResult> run(Source source, Consumer<EntryResult> progress) throws IOException {
        boolean stripRoot = check(source);
        List<EntryResult> results = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(source.open())) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.isDirectory() || isJunk(e.getName())) continue;
                EntryResult r = enrollEntry(e.getName(), subjectName(e.getName(), stripRoot), zip);
                results.add(r);
                progress.accept(r);
            }
        }
        return results;
    }

    private EntryResult enrollEntry(String entry, String subject, ZipInputStream zip) throws IOException {
        if (subject == null || subject.isBlank()) return EntryResult.skipped(entry, null, "no subject name in the path");
        if (!isImageName(entry)) return EntryResult.skipped(entry, subject, "not an image file (jpg, jpeg, png, bmp, webp)");
        try {
            byte[] bytes = readEntry(zip, entry);
            return EntryResult.enrolled(entry, gallery.enrollByName(subject, true, bytes, null, "zip:" + entry));
        } catch (ImageException ex) {
            return EntryResult.skipped(entry, subject, ex.code() + ": " + ex.getMessage());
        } catch (EnrollmentRefused ex) {
            return EntryResult.skipped(entry, subject, ex.code() + ": " + ex.getMessage());
        } catch (IllegalArgumentException ex) {
            return EntryResult.skipped(entry, subject, "invalid_name: " + ex.getMessage());
        }
    }

    /** First pass: every path safe, entry count and inflated total within limits. Returns whether to strip a root folder. */
    private boolean check(Source source) throws IOException {
        int entries = 0;
        long total = 0;
        String commonRoot = null;
        boolean allUnderRoot = true, anyDeep = false;
        byte[] buf = new byte[1 << 16];
        try (ZipInputStream zip = new ZipInputStream(source.open())) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                if (isUnsafe(name)) {
                    throw new RefusedZip("unsafe_zip_path", "the ZIP entry '" + name + "' points outside the archive "
                            + "(absolute path or '..'); nothing was enrolled");
                }
                if (++entries > maxEntries) {
                    throw new RefusedZip("zip_too_many_entries", "the ZIP has more than " + maxEntries
                            + " entries; nothing was enrolled");
                }
                long entrySize = 0;
                for (int n; (n = zip.read(buf)) > 0; ) {
                    entrySize += n;
                    total += n;
                    if (total > maxTotalBytes) {
                        throw new RefusedZip("zip_too_large", "the ZIP inflates to more than " + maxTotalBytes
                                + " bytes; nothing was enrolled");
                    }
                }
                if (e.isDirectory() || isJunk(name)) continue;
                String[] parts = name.split("/");
                if (commonRoot == null) commonRoot = parts.length > 1 ? parts[0] : "";
                if (parts.length < 2 || !parts[0].equals(commonRoot)) allUnderRoot = false;
                if (parts.length >= 3) anyDeep = true;
                if (entrySize == 0 && isImageName(name)) continue; // reported as skipped in the second pass
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new RefusedZip("invalid_zip", "the upload is not a readable ZIP archive: " + e.getMessage());
        }
        if (entries == 0) throw new RefusedZip("invalid_zip", "the upload is not a ZIP archive, or it is empty");
        return commonRoot != null && !commonRoot.isEmpty() && allUnderRoot && anyDeep;
    }

    private byte[] readEntry(ZipInputStream zip, String entry) throws IOException {
        byte[] bytes = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxEntryBytes + 1));
        if (bytes.length > maxEntryBytes) {
            zip.transferTo(java.io.OutputStream.nullOutputStream());
            throw new ImageException("image_too_large", entry + " is larger than " + maxEntryBytes + " bytes");
        }
        return bytes;
    }

    static boolean isUnsafe(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) return true;
        for (String part : n.split("/")) if (part.equals("..")) return true;
        return false;
    }

    private static boolean isJunk(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        return name.startsWith("__MACOSX/") || file.startsWith(".");
    }

    private static boolean isImageName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return IMAGE_EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /** {@code alice.jpg} → alice; {@code bob/1.jpg} → bob; {@code faces/bob/1.jpg} → bob when "faces" wraps all. */
    static String subjectName(String entry, boolean stripRoot) {
        String[] parts = entry.split("/");
        int first = stripRoot ? 1 : 0;
        if (parts.length - first >= 2) return parts[first].trim();
        String file = parts[parts.length - 1];
        int dot = file.lastIndexOf('.');
        return (dot > 0 ? file.substring(0, dot) : file).trim();
    }
}
