package dev.vigil.http;

import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.Face;
import dev.vigil.engine.FaceJson;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.gallery.Gallery;
import dev.vigil.gallery.Subject;
import dev.vigil.recognition.Decision;
import dev.vigil.recognition.Recognizer;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DeepStack's face API, as CodeProject.AI also serves it (/v1/vision/face/...), over Vigil's gallery and recognizer:
 * what Blue Iris, Agent DVR and Double Take speak. Only a face Vigil decides PASS is named; every other face is
 * {@code "unknown"} with confidence 0, as DeepStack reports faces below its threshold. Confidences are
 * {@link CompatScore}s. Differences from DeepStack are listed in docs/COMPATIBILITY.md.
 */
final class DeepStackApi {
    /** DeepStack's default floor for detection and recognition confidence. */
    private static final float DEFAULT_MIN_CONFIDENCE = 0.67f;

    private final Gallery gallery;
    private final Recognizer recognizer;
    private final RecognitionApi recognition;
    private final ImageDecoder decoder;
    private final long maxUploadBytes;

    DeepStackApi(Gallery gallery, Recognizer recognizer, RecognitionApi recognition, ImageDecoder decoder, long maxUploadBytes) {
        this.gallery = gallery;
        this.recognizer = recognizer;
        this.recognition = recognition;
        this.decoder = decoder;
        this.maxUploadBytes = maxUploadBytes;
    }

    /**
     * Runs before every DeepStack route: errors take DeepStack's shape (keys are checked
     * afterwards by {@link AccessControl}, in that shape).
     */
    static void before(Context ctx) {
        Errors.shape(ctx, DeepStackApi::error);
    }

    static void error(Context ctx, int status, String code, String message) {
        var m = new LinkedHashMap<String, Object>();
        m.put("success", false);
        m.put("error", message);
        ctx.status(status).json(m);
    }

    /** POST /v1/vision/face/recognize: multipart {@code image}, optional {@code min_confidence}. */
    void recognize(Context ctx) {
        float min = minConfidence(ctx);
        byte[] image = Uploads.bytes(ctx, "image", maxUploadBytes);
        List<RecognitionApi.Published> faces = recognition.identifyAndPublish(image,
                found -> found.stream().filter(f -> f.score() >= min).toList());
        if (faces.isEmpty()) {
            // CodeProject.AI's answer for an image without faces: a failure, but not an HTTP error.
            error(ctx, 200, "no_face", "No face found in image");
            return;
        }
        List<Map<String, Object>> predictions = new ArrayList<>();
        boolean known = false;
        for (RecognitionApi.Published p : faces) {
            Recognizer.Identified f = p.face();
            float confidence = CompatScore.of(f.similarity(), recognizer.thresholds());
            boolean named = f.decision() == Decision.PASS && confidence >= min;
            known |= named;
            var m = new LinkedHashMap<String, Object>();
            m.put("confidence", named ? FaceJson.round(confidence, 5) : 0);
            m.put("userid", named ? f.subject().name() : "unknown");
            box(m, f.face().box());
            predictions.add(m);
        }
        var m = success();
        m.put("message", known ? "A face was recognised" : "No known faces");
        m.put("count", predictions.size());
        m.put("predictions", predictions);
        ctx.json(m);
    }

    /** POST /v1/vision/face/register: {@code userid} and one or more image files; the largest face of each. */
    void register(Context ctx) {
        String userid = Uploads.text(ctx, "userid").trim();
        List<byte[]> images = Uploads.allBytes(ctx, maxUploadBytes);
        if (images.isEmpty()) throw ApiError.missing("image");
        boolean existed = gallery.store().findSubjectByName(userid).isPresent();
        for (byte[] image : images) gallery.enrollByName(userid, true, image, "largest", "deepstack");
        var m = success();
        m.put("message", existed ? "face updated" : "face added");
        ctx.json(m);
    }

    /** POST /v1/vision/face/delete: {@code userid}; deleting someone unknown succeeds, as in DeepStack. */
    void delete(Context ctx) {
        String userid = Uploads.text(ctx, "userid").trim();
        gallery.store().findSubjectByName(userid).ifPresent(s -> gallery.delete(s.id()));
        ctx.json(success());
    }

    /** POST /v1/vision/face/list. */
    void list(Context ctx) {
        var m = success();
        m.put("faces", gallery.subjects().stream().map(Subject::name).toList());
        ctx.json(m);
    }

    /** POST /v1/vision/face: detection only, faces at or above {@code min_confidence}. */
    void detect(Context ctx) {
        float min = minConfidence(ctx);
        byte[] image = Uploads.bytes(ctx, "image", maxUploadBytes);
        List<Map<String, Object>> predictions = new ArrayList<>();
        try (DecodedImage img = decoder.decode(image)) {
            for (Face f : recognizer.faces(img)) {
                if (f.score() < min) continue;
                var m = new LinkedHashMap<String, Object>();
                m.put("confidence", FaceJson.round(f.score(), 5));
                box(m, f.box());
                predictions.add(m);
            }
        }
        var m = success();
        m.put("message", predictions.size() == 1 ? "Found 1 face" : "Found " + predictions.size() + " faces");
        m.put("count", predictions.size());
        m.put("predictions", predictions);
        ctx.json(m);
    }

    private static LinkedHashMap<String, Object> success() {
        var m = new LinkedHashMap<String, Object>();
        m.put("success", true);
        return m;
    }

    private static void box(Map<String, Object> m, BoundingBox b) {
        m.put("x_min", Math.round(b.x1()));
        m.put("y_min", Math.round(b.y1()));
        m.put("x_max", Math.round(b.x2()));
        m.put("y_max", Math.round(b.y2()));
    }

    private static float minConfidence(Context ctx) {
        String v = Uploads.optionalText(ctx, "min_confidence");
        if (v == null || v.isBlank()) return DEFAULT_MIN_CONFIDENCE;
        try {
            float f = Float.parseFloat(v.trim());
            if (f >= 0 && f <= 1) return f;
        } catch (NumberFormatException ignored) {
            // falls through to the same error as out of range
        }
        throw new ApiError(400, "invalid_request", "min_confidence must be a number from 0 to 1");
    }
}
