package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * What the compat tests share: a photo without a face, and Double Take's two {@code normalize} functions
 * (api/src/util/detectors/compreface.js and deepstack.js) re-stated in Java, so the tests read responses as it does.
 */
final class CompatFixtures {
    /** Double Take's defaults: detect.match.confidence and detect.unknown.confidence. */
    static final double MATCH = 60, UNKNOWN = 40;

    /** One face as Double Take sees it. */
    record DoubleTakeFace(String name, double confidence, boolean match) {
    }

    private CompatFixtures() {
    }

    /** A white 640x480 JPEG: an image, but no face. */
    static byte[] blank() {
        try (var white = new Scalar(255, 255, 255, 0); var m = new Mat(480, 640, opencv_core.CV_8UC3, white)) {
            return TestFaces.encode(m, ".jpg");
        }
    }

    /** compreface.js normalize: code 28 means no face; the first subject names the face if its similarity is high enough. */
    static List<DoubleTakeFace> fromCompreFace(JsonNode data) {
        if (!data.has("result")) {
            if (data.path("code").asInt() == 28) return List.of();
            throw new AssertionError("Double Take would throw: " + data.path("message").asText());
        }
        List<DoubleTakeFace> out = new ArrayList<>();
        for (JsonNode obj : data.path("result")) {
            JsonNode face = obj.path("subjects").path(0);
            double confidence = face.isMissingNode() ? 0 : round2(face.path("similarity").asDouble() * 100);
            String name = !face.isMissingNode() && confidence >= UNKNOWN ? face.path("subject").asText().toLowerCase() : "unknown";
            out.add(new DoubleTakeFace(name, confidence, confidence >= MATCH));
        }
        return out;
    }

    /** deepstack.js normalize: success false means no faces; "unknown" is never a match. */
    static List<DoubleTakeFace> fromDeepStack(JsonNode data) {
        if (data.path("success").asBoolean() == false) return List.of();
        List<DoubleTakeFace> out = new ArrayList<>();
        for (JsonNode obj : data.path("predictions")) {
            double confidence = round2(obj.path("confidence").asDouble() * 100);
            String userid = obj.path("userid").asText();
            out.add(new DoubleTakeFace(confidence >= UNKNOWN ? userid.toLowerCase() : "unknown", confidence,
                    !userid.equals("unknown") && confidence >= MATCH));
        }
        return out;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
