package dev.vigil.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Labeled faces on disk: every folder that directly holds images is one identity, named by its path under the root
 * ({@code ROOT/<Person>/x.jpg} or, for several datasets side by side, {@code ROOT/<dataset>/<Person>/x.jpg}).
 * Images directly in the root carry no label and are left out; so are excluded top-level folders (e.g. group photos).
 */
public record LabeledFaces(Path root, List<Identity> identities) {
    public LabeledFaces {
        root = root.toAbsolutePath().normalize();
    }
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "webp");

    /** @param images sorted, so every run sees the same order */
    public record Identity(String name, List<Path> images) {
    }

    public static LabeledFaces scan(Path dir, Set<String> excludedFolders) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) throw new java.nio.file.NoSuchFileException(root.toString());
        Map<String, List<Path>> byFolder = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(LabeledFaces::isImage).forEach(p -> {
                Path rel = root.relativize(p);
                if (rel.getNameCount() < 2 || excludedFolders.contains(rel.getName(0).toString())) return;
                byFolder.computeIfAbsent(rel.getParent().toString().replace('\\', '/'), k -> new ArrayList<>()).add(p);
            });
        }
        List<Identity> identities = new ArrayList<>();
        byFolder.forEach((name, images) -> identities.add(new Identity(name, images.stream().sorted().toList())));
        return new LabeledFaces(root, List.copyOf(identities));
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public List<Path> images() {
        return identities.stream().flatMap(i -> i.images().stream()).toList();
    }

    public int imageCount() {
        return identities.stream().mapToInt(i -> i.images().size()).sum();
    }
}
