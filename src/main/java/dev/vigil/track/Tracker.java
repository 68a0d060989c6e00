package dev.vigil.track;

import dev.vigil.engine.Face;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The tracks of one stream. {@link #update} takes the faces of each analysed frame (with embeddings) in order; a
 * track not seen for more than {@code maxMisses} frames ends. Not thread-safe: one stream's frames are analysed one
 * at a time.
 */
public final class Tracker {
    private final Association.Params params;
    private final int maxMisses;
    private final List<Track> tracks = new ArrayList<>();
    private long nextId = 1;

    public Tracker(Association.Params params, int maxMisses) {
        this.params = params;
        this.maxMisses = maxMisses;
    }

    /** What one frame did to the tracks. */
    public record Update(List<Track> seen, List<Track> ended) {
    }

    public Update update(List<Face> faces) {
        List<Face> usable = faces.stream().filter(f -> f.embedding() != null).toList();
        int[] match = Association.match(tracks.stream().map(Track::box).toList(), tracks.stream().map(Track::embedding).toList(),
                usable.stream().map(Face::box).toList(), usable.stream().map(Face::embedding).toList(), params);
        boolean[] continued = new boolean[tracks.size()];
        List<Track> seen = new ArrayList<>(usable.size());
        List<Track> born = new ArrayList<>();
        for (int f = 0; f < usable.size(); f++) {
            if (match[f] >= 0) {
                Track t = tracks.get(match[f]);
                t.hit(usable.get(f));
                continued[match[f]] = true;
                seen.add(t);
            } else {
                Track t = new Track(nextId++, usable.get(f));
                born.add(t);
                seen.add(t);
            }
        }
        List<Track> ended = new ArrayList<>();
        for (int i = tracks.size() - 1; i >= 0; i--) {
            if (continued[i]) continue;
            Track t = tracks.get(i);
            t.miss();
            if (t.misses() > maxMisses) ended.add(tracks.remove(i));
        }
        tracks.addAll(born);
        return new Update(Collections.unmodifiableList(seen), Collections.unmodifiableList(ended));
    }

    /** Live tracks, including those missed for up to {@code maxMisses} frames. */
    public List<Track> tracks() {
        return Collections.unmodifiableList(tracks);
    }
}
