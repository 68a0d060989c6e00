package dev.vigil.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Naming a track by vote over its recent frames, so one odd frame neither names a stranger nor renames a known
 * person. Each frame votes a subject id (a PASS on that frame) or {@link #UNKNOWN}.
 */
public final class Vote {
    /** The label of a frame in which nobody known was recognised. */
    public static final String UNKNOWN = "";

    private Vote() {
    }

    /**
     * The track's label after this window: the label with at least {@code minShare} of the window once the window
     * holds {@code minFrames} frames; otherwise {@code current} is kept (null means not yet decided).
     */
    public static String decide(List<String> window, String current, int minFrames, float minShare) {
        if (window.size() < minFrames) return current;
        Map<String, Integer> counts = new HashMap<>();
        String top = null;
        int topCount = 0;
        for (String label : window) {
            int c = counts.merge(label, 1, Integer::sum);
            if (c > topCount) {
                top = label;
                topCount = c;
            }
        }
        return topCount >= minShare * window.size() ? top : current;
    }
}
