package dev.vigil.track;

import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.Embedding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which face of a new frame continues which track: a pure function, tested alone. A pair may link when the boxes
 * overlap ({@code minIou}) and the embeddings at least half agree, or, wherever the face moved, when the embeddings
 * agree ({@code minSimilarity}); a person walking behind a pillar and out the other side keeps the track. Pairs are
 * taken greedily by overlap + similarity, best first, each track and face at most once.
 */
public final class Association {
    private Association() {
    }

    public record Params(float minIou, float minSimilarity) {
    }

    /** For each face, the index of the track it continues, or -1 for a new track. */
    public static int[] match(List<BoundingBox> trackBoxes, List<Embedding> trackEmbeddings, List<BoundingBox> faceBoxes,
                              List<Embedding> faceEmbeddings, Params p) {
        record Pair(int track, int face, float score) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < trackBoxes.size(); t++) {
            for (int f = 0; f < faceBoxes.size(); f++) {
                float iou = trackBoxes.get(t).iou(faceBoxes.get(f));
                float sim = trackEmbeddings.get(t).cosine(faceEmbeddings.get(f));
                boolean link = (iou >= p.minIou() && sim >= p.minSimilarity() / 2) || sim >= p.minSimilarity();
                if (link) pairs.add(new Pair(t, f, iou + sim));
            }
        }
        pairs.sort(Comparator.comparingDouble((Pair x) -> x.score).reversed());
        int[] assigned = new int[faceBoxes.size()];
        Arrays.fill(assigned, -1);
        boolean[] trackTaken = new boolean[trackBoxes.size()];
        for (Pair x : pairs) {
            if (trackTaken[x.track] || assigned[x.face] >= 0) continue;
            trackTaken[x.track] = true;
            assigned[x.face] = x.track;
        }
        return assigned;
    }
}
