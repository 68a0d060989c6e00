package dev.vigil.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one JSON shape of a face, shared by the CLI and the HTTP API. Parts that were not measured are left out. */
public final class FaceJson {
    private FaceJson() {
    }

    public static Map<String, Object> of(Face f, boolean withLandmarks, boolean withEmbedding) {
        var m = new LinkedHashMap<String, Object>();
        m.put("box", box(f.box()));
        m.put("score", round(f.score(), 4));
        if (withLandmarks) {
            List<float[]> pts = new ArrayList<>(Landmarks.COUNT);
            for (Point p : f.landmarks().points()) pts.add(new float[] {round(p.x(), 1), round(p.y(), 1)});
            m.put("landmarks", pts);
        }
        if (f.quality() != null) {
            Quality q = f.quality();
            var qm = new LinkedHashMap<String, Object>();
            qm.put("score", round(q.score(), 3));
            qm.put("sharpness", round(q.sharpness(), 1));
            qm.put("brightness", round(q.brightness(), 1));
            qm.put("size", round(q.faceSize(), 1));
            m.put("quality", qm);
        }
        if (!Float.isNaN(f.liveness())) m.put("liveness", round(f.liveness(), 4));
        if (f.eyes() != null) {
            m.put("eyes", Map.of("left_open", round(f.eyes().leftOpen(), 3), "right_open", round(f.eyes().rightOpen(), 3)));
        }
        Pose pose = f.quality() != null ? f.quality().pose() : null;
        if (pose != null) {
            m.put("pose", Map.of("yaw", round(pose.yaw(), 1), "pitch", round(pose.pitch(), 1), "roll", round(pose.roll(), 1)));
        }
        if (withEmbedding && f.embedding() != null) m.put("embedding", f.embedding().values());
        return m;
    }

    public static float[] box(BoundingBox b) {
        return new float[] {round(b.x1(), 1), round(b.y1(), 1), round(b.x2(), 1), round(b.y2(), 1)};
    }

    public static float round(float v, int decimals) {
        if (Float.isNaN(v) || Float.isInfinite(v)) return v;
        double f = Math.pow(10, decimals);
        return (float) (Math.round(v * f) / f);
    }
}
