package dev.vigil.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An LFW {@code pairs.txt}: a header "folds n", then per fold n same-person lines {@code Name n1 n2} and n
 * different-person lines {@code Name1 n1 Name2 n2}; images are {@code ROOT/Name/Name_0001.jpg}.
 */
public record LfwPairs(int folds, List<Pair> pairs) {

    public record Pair(Path first, Path second, boolean same, int fold) {
    }

    public static LfwPairs read(Path pairsFile, Path imageRoot) throws IOException {
        List<String> lines = Files.readAllLines(pairsFile).stream().filter(l -> !l.isBlank()).toList();
        String[] header = lines.get(0).trim().split("\\s+");
        int folds = header.length == 2 ? Integer.parseInt(header[0]) : 1;
        int perFold = header.length == 2 ? Integer.parseInt(header[1]) : Integer.parseInt(header[0]);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            int fold = header.length == 2 ? (i - 1) / (2 * perFold) : 0;
            if (f.length == 3) {
                pairs.add(new Pair(image(imageRoot, f[0], f[1]), image(imageRoot, f[0], f[2]), true, fold));
            } else if (f.length == 4) {
                pairs.add(new Pair(image(imageRoot, f[0], f[1]), image(imageRoot, f[2], f[3]), false, fold));
            } else {
                throw new IOException(pairsFile + " line " + (i + 1) + ": expected 3 or 4 fields");
            }
        }
        return new LfwPairs(folds, List.copyOf(pairs));
    }

    private static Path image(Path root, String name, String number) {
        return root.resolve(name).resolve(String.format("%s_%04d.jpg", name, Integer.parseInt(number)));
    }
}
