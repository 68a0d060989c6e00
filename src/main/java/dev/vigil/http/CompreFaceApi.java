package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.Face;
import dev.vigil.engine.FaceJson;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.engine.Point;
import dev.vigil.gallery.Gallery;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.Template;
import dev.vigil.recognition.Decision;
import dev.vigil.recognition.Recognizer;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * CompreFace's REST API (/api/v1/recognition, /verification, /detection) over Vigil's gallery and recognizer, so
 * Double Take and Home Assistant setups switch by changing a URL. Only shapes are translated: enrolment, decisions and
 * events are the native API's. A face Vigil decides UNKNOWN gets an empty {@code subjects} list; similarities are
 * {@link CompatScore}s. Differences from CompreFace are listed in docs/COMPATIBILITY.md.
 */
final class CompreFaceApi {
    private static final String NO_FACE = "No face is found in the given image";
    /** The plugins Vigil can answer; others (age, gender, mask) are ignored, as CompreFace ignores unknown slugs. */
    private static final Set<String> PLUGINS = Set.of("landmarks", "calculator", "pose");

    private final Gallery gallery;
    private final Recognizer recognizer;
    private final RecognitionApi recognition;
    private final ImageDecoder decoder;
    private final ObjectMapper json;
    private final long maxUploadBytes;

    CompreFaceApi(Gallery gallery, Recognizer recognizer, RecognitionApi recognition, ImageDecoder decoder,
                  ObjectMapper json, long maxUploadBytes) {
        this.gallery = gallery;
        this.recognizer = recognizer;
        this.recognition = recognition;
        this.decoder = decoder;
        this.json = json;
        this.maxUploadBytes = maxUploadBytes;
    }

    /**
     * Runs before every CompreFace route: errors take CompreFace's shape (keys are checked
     * afterwards by {@link AccessControl}, in that shape).
     */
    static void before(Context ctx) {
        Errors.shape(ctx, CompreFaceApi::error);
    }

    /** CompreFace's error body, {@code {"message","code"}}, with its numeric codes for the cases clients test. */
    static void error(Context ctx, int status, String code, String message) {
        int number = switch (code) {
            case "no_face" -> 28;
            case "several_faces" -> 31;
            case "missing_field" -> 33;
            case "image_not_found" -> 11;
            case "not_found" -> 42;
            case "duplicate_name" -> 43;
            default -> status >= 500 ? 41 : 26;
        };
        var m = new LinkedHashMap<String, Object>();
        m.put("message", number == 28 ? NO_FACE : message);
        m.put("code", number);
        // CompreFace answers every client error but a missing resource with 400.
        ctx.status(status == 409 || status == 422 ? 400 : status).json(m);
    }

    // --- recognition ---

    /** POST /recognition/recognize: every face (up to {@code limit}), its box and its best subjects. */
    void recognize(Context ctx) {
        Options o = Options.of(ctx, true);
        byte[] image = image(ctx, "file");
        long t0 = System.nanoTime();
        List<RecognitionApi.Published> faces = recognition.identifyAndPublish(image, o::select);
        if (faces.isEmpty()) throw noFace();
        double ms = (System.nanoTime() - t0) / 1e6 / faces.size();
        List<Map<String, Object>> result = new ArrayList<>();
        for (RecognitionApi.Published p : faces) {
            Recognizer.Identified f = p.face();
            Map<String, Object> m = face(f.face(), o, ms);
            // UNKNOWN names nobody: Vigil's calibrated "stranger", which CompreFace has no way to say.
            m.put("subjects", f.decision() == Decision.UNKNOWN ? List.of() : f.candidates().stream().limit(o.predictionCount)
                    .map(c -> subject(c.name(), c.similarity())).toList());
            result.add(m);
        }
        ctx.json(withVersions(result));
    }

    /** POST /recognition/faces/{image_id}/verify: every face of the file against one saved example. */
    void verifyExample(Context ctx) {
        Options o = Options.of(ctx, false);
        Template t = template(ctx.pathParam("imageId"));
        byte[] image = image(ctx, "file");
        List<Map<String, Object>> result = new ArrayList<>();
        try (DecodedImage img = decoder.decode(image)) {
            long t0 = System.nanoTime();
            List<Recognizer.Scored> scored = recognizer.against(img, t.embedding());
            List<Face> kept = o.select(scored.stream().map(Recognizer.Scored::face).toList());
            if (kept.isEmpty()) throw noFace();
            double ms = (System.nanoTime() - t0) / 1e6 / kept.size();
            for (Recognizer.Scored s : scored) {
                if (!kept.contains(s.face())) continue;
                Map<String, Object> m = face(s.face(), o, ms);
                m.put("similarity", score(s.similarity()));
                result.add(m);
            }
        }
        ctx.json(withVersions(result));
    }

    /** POST /verification/verify: the largest face of {@code source_image} against every face of {@code target_image}. */
    void verify(Context ctx) {
        Options o = Options.of(ctx, false);
        byte[] source = image(ctx, "source_image");
        byte[] target = image(ctx, "target_image");
        try (DecodedImage s = decoder.decode(source); DecodedImage t = decoder.decode(target)) {
            long t0 = System.nanoTime();
            Face probe = recognizer.largestFace(s).orElseThrow(CompreFaceApi::noFace);
            List<Recognizer.Scored> scored = recognizer.against(t, probe.embedding());
            List<Face> kept = o.select(scored.stream().map(Recognizer.Scored::face).toList());
            if (kept.isEmpty()) throw noFace();
            double ms = (System.nanoTime() - t0) / 1e6 / (kept.size() + 1);
            List<Map<String, Object>> matches = new ArrayList<>();
            for (Recognizer.Scored sc : scored) {
                if (!kept.contains(sc.face())) continue;
                Map<String, Object> m = face(sc.face(), o, ms);
                m.put("similarity", score(sc.similarity()));
                matches.add(m);
            }
            matches.sort(Comparator.comparingDouble(m -> -((Number) m.get("similarity")).doubleValue()));
            var pair = new LinkedHashMap<String, Object>();
            pair.put("source_image_face", face(probe, o, ms));
            pair.put("face_matches", matches);
            pair.put("plugins_versions", versions());
            ctx.json(Map.of("result", List.of(pair)));
        }
    }

    /** POST /detection/detect: boxes (and the asked-for plugins), no recognition. */
    void detect(Context ctx) {
        Options o = Options.of(ctx, false);
        byte[] image = image(ctx, "file");
        try (DecodedImage img = decoder.decode(image)) {
            long t0 = System.nanoTime();
            List<Face> faces = o.select(recognizer.faces(img));
            if (faces.isEmpty()) throw noFace();
            double ms = (System.nanoTime() - t0) / 1e6 / faces.size();
            ctx.json(withVersions(faces.stream().map(f -> face(f, o, ms)).toList()));
        }
    }

    // --- face collection ---

    /** POST /recognition/faces?subject=: one example; the subject is created if needed. The largest face is taken. */
    void addExample(Context ctx) {
        String name = required(ctx, "subject");
        Options.probability(ctx); // checked, not applied: Vigil's enrolment quality floor is the stricter gate
        var e = gallery.enrollByName(name, true, image(ctx, "file"), "largest", "compreface");
        ctx.status(201).json(example(e.template().id(), e.subject().name()));
    }

    /** GET /recognition/faces?page=&size=&subject=: examples, paged, in subject order. */
    void listExamples(Context ctx) {
        int page = SubjectsApi.intParam(ctx, "page", 0, 0, Integer.MAX_VALUE);
        int size = SubjectsApi.intParam(ctx, "size", 20, 1, 1000);
        String name = ctx.queryParam("subject");
        List<Subject> subjects = name == null || name.isBlank() ? gallery.subjects()
                : gallery.store().findSubjectByName(name).map(List::of).orElse(List.of());
        List<Map<String, Object>> all = new ArrayList<>();
        for (Subject s : subjects) {
            for (Template t : gallery.store().templates(s.id())) all.add(example(t.id(), s.name()));
        }
        long from = Math.min((long) page * size, all.size());
        var m = new LinkedHashMap<String, Object>();
        m.put("faces", all.subList((int) from, (int) Math.min(from + size, all.size())));
        m.put("page_number", page);
        m.put("page_size", size);
        m.put("total_pages", (all.size() + size - 1) / size);
        m.put("total_elements", all.size());
        ctx.json(m);
    }

    /** DELETE /recognition/faces?subject=: every example of the subject (and the subject); without subject, all. */
    void deleteExamples(Context ctx) {
        String name = ctx.queryParam("subject");
        List<Subject> doomed = name == null || name.isBlank() ? gallery.subjects()
                : gallery.store().findSubjectByName(name).map(List::of).orElse(List.of());
        int deleted = 0;
        for (Subject s : doomed) {
            if (gallery.delete(s.id())) deleted += s.templateCount();
        }
        ctx.json(Map.of("deleted", deleted));
    }

    /** DELETE /recognition/faces/{image_id}. */
    void deleteExample(Context ctx) {
        Template t = template(ctx.pathParam("imageId"));
        String subject = subjectName(t.subjectId());
        if (!gallery.deleteTemplate(t.subjectId(), t.id())) throw imageNotFound(t.id());
        ctx.json(example(t.id(), subject));
    }

    /** GET /recognition/faces/{image_id}/img: Vigil keeps the aligned face crop, not the uploaded photo. */
    void exampleImage(Context ctx) {
        String id = ctx.pathParam("imageId");
        byte[] jpeg = gallery.store().templateCrop(id).orElseThrow(() -> imageNotFound(id));
        ctx.contentType("image/jpeg").result(jpeg);
    }

    // --- subjects ---

    /** POST /recognition/subjects {"subject"}. */
    void createSubject(Context ctx) throws IOException {
        Subject s = gallery.create(subjectField(ctx), Map.of());
        ctx.status(201).json(Map.of("subject", s.name()));
    }

    /** GET /recognition/subjects. */
    void listSubjects(Context ctx) {
        ctx.json(Map.of("subjects", gallery.subjects().stream().map(Subject::name).toList()));
    }

    /** PUT /recognition/subjects/{subject} {"subject": new}: a rename, or a merge when the new name exists. */
    void renameSubject(Context ctx) throws IOException {
        Subject old = subjectByName(ctx.pathParam("subject"));
        String name = subjectField(ctx);
        var existing = gallery.store().findSubjectByName(name.trim());
        if (existing.isPresent() && !existing.get().id().equals(old.id())) {
            gallery.merge(old.id(), existing.get().id());
        } else {
            gallery.rename(old.id(), name);
        }
        ctx.json(Map.of("updated", true));
    }

    /** DELETE /recognition/subjects/{subject}. */
    void deleteSubject(Context ctx) {
        Subject s = subjectByName(ctx.pathParam("subject"));
        gallery.delete(s.id());
        ctx.json(Map.of("subject", s.name()));
    }

    /** DELETE /recognition/subjects: every subject. */
    void deleteAllSubjects(Context ctx) {
        int deleted = 0;
        for (Subject s : gallery.subjects()) {
            if (gallery.delete(s.id())) deleted++;
        }
        ctx.json(Map.of("deleted", deleted));
    }

    // --- shapes ---

    /** The query options CompreFace's face services share. */
    private record Options(int limit, float minProbability, int predictionCount, Set<String> plugins, boolean status) {

        static Options of(Context ctx, boolean predictions) {
            Set<String> plugins = new java.util.HashSet<>();
            String p = ctx.queryParam("face_plugins");
            if (p != null) {
                for (String slug : p.split(",")) if (PLUGINS.contains(slug.trim())) plugins.add(slug.trim());
            }
            return new Options(SubjectsApi.intParam(ctx, "limit", 0, 0, Integer.MAX_VALUE), probability(ctx),
                    predictions ? SubjectsApi.intParam(ctx, "prediction_count", 1, 1, 1000) : 1, plugins,
                    "true".equalsIgnoreCase(ctx.queryParam("status")));
        }

        static float probability(Context ctx) {
            String v = ctx.queryParam("det_prob_threshold");
            if (v == null || v.isBlank()) return 0;
            try {
                float f = Float.parseFloat(v.trim());
                if (f >= 0 && f <= 1) return f;
            } catch (NumberFormatException ignored) {
                // falls through to the same error as out of range
            }
            throw new ApiError(400, "invalid_request", "det_prob_threshold must be a number from 0.0 to 1.0");
        }

        /** Faces at or above the detection floor, the largest first, at most {@code limit} (0: no limit). */
        List<Face> select(List<Face> faces) {
            return faces.stream().filter(f -> f.score() >= minProbability)
                    .sorted(Comparator.comparingDouble((Face f) -> f.box().area()).reversed())
                    .limit(limit == 0 ? Long.MAX_VALUE : limit).toList();
        }
    }

    private Map<String, Object> face(Face f, Options o, double ms) {
        var m = new LinkedHashMap<String, Object>();
        m.put("box", box(f.box(), f.score()));
        if (o.plugins.contains("landmarks")) {
            List<int[]> pts = new ArrayList<>();
            for (Point p : f.landmarks().fivePoints()) pts.add(new int[] {Math.round(p.x()), Math.round(p.y())});
            m.put("landmarks", pts);
        }
        if (o.plugins.contains("calculator") && f.embedding() != null) m.put("embedding", f.embedding().values());
        if (o.plugins.contains("pose") && f.quality() != null && f.quality().pose() != null) {
            var pose = f.quality().pose();
            m.put("pose", Map.of("pitch", FaceJson.round(pose.pitch(), 2), "roll", FaceJson.round(pose.roll(), 2),
                    "yaw", FaceJson.round(pose.yaw(), 2)));
        }
        // Vigil runs detection and embedding as one step; the time is the request's, shared among its faces.
        if (o.status) m.put("execution_time", Map.of("detector", Math.round(ms), "calculator", 0));
        return m;
    }

    static Map<String, Object> box(BoundingBox b, float probability) {
        var m = new LinkedHashMap<String, Object>();
        m.put("probability", FaceJson.round(probability, 5));
        m.put("x_max", Math.round(b.x2()));
        m.put("y_max", Math.round(b.y2()));
        m.put("x_min", Math.round(b.x1()));
        m.put("y_min", Math.round(b.y1()));
        return m;
    }

    private Map<String, Object> subject(String name, float cosine) {
        var m = new LinkedHashMap<String, Object>();
        m.put("subject", name);
        m.put("similarity", score(cosine));
        return m;
    }

    private float score(float cosine) {
        return FaceJson.round(CompatScore.of(cosine, recognizer.thresholds()), 5);
    }

    private static Map<String, Object> withVersions(List<Map<String, Object>> result) {
        var m = new LinkedHashMap<String, Object>();
        m.put("result", result);
        m.put("plugins_versions", versions());
        return m;
    }

    private static Map<String, Object> versions() {
        return Map.of("detector", "vigil.FaceEngine", "calculator", "vigil.FaceEngine");
    }

    private static Map<String, Object> example(String imageId, String subject) {
        var m = new LinkedHashMap<String, Object>();
        m.put("image_id", imageId);
        m.put("subject", subject);
        return m;
    }

    // --- input ---

    /** An image as a multipart file or, with a JSON body, as base64 under the same name (CompreFace accepts both). */
    private byte[] image(Context ctx, String field) {
        if (!String.valueOf(ctx.contentType()).toLowerCase().startsWith("application/json")) {
            return Uploads.bytes(ctx, field, maxUploadBytes);
        }
        String b64 = jsonBody(ctx).path(field).asText("");
        if (b64.isBlank()) throw ApiError.missing(field);
        int comma = b64.indexOf(',');
        if (b64.startsWith("data:") && comma > 0) b64 = b64.substring(comma + 1);
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "invalid_image", "'" + field + "' is not valid base64");
        }
        if (bytes.length > maxUploadBytes) {
            throw new ApiError(413, "payload_too_large", "'" + field + "' is " + bytes.length + " bytes; at most " + maxUploadBytes + " are accepted");
        }
        return bytes;
    }

    private JsonNode jsonBody(Context ctx) {
        JsonNode node = ctx.attribute("compreface.body");
        if (node != null) return node;
        try {
            String body = ctx.body();
            node = body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            throw new ApiError(400, "malformed_json", "the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) throw new ApiError(400, "malformed_json", "the body must be a JSON object");
        ctx.attribute("compreface.body", node);
        return node;
    }

    private String subjectField(Context ctx) {
        String name = jsonBody(ctx).path("subject").asText("");
        if (name.isBlank()) throw ApiError.missing("subject");
        return name;
    }

    private static String required(Context ctx, String param) {
        String v = ctx.queryParam(param);
        if (v == null || v.isBlank()) throw new ApiError(400, "missing_field", "the query parameter '" + param + "' is required");
        return v;
    }

    private Subject subjectByName(String name) {
        return gallery.store().findSubjectByName(name)
                .orElseThrow(() -> new ApiError(404, "not_found", "Subject " + name + " not found"));
    }

    private String subjectName(String subjectId) {
        return gallery.store().findSubject(subjectId).map(Subject::name).orElse(null);
    }

    private Template template(String imageId) {
        return gallery.store().findTemplate(imageId).orElseThrow(() -> imageNotFound(imageId));
    }

    private static ApiError imageNotFound(String id) {
        return new ApiError(404, "image_not_found", "Image with ID = " + id + " not found");
    }

    private static ApiError noFace() {
        return new ApiError(400, "no_face", NO_FACE);
    }
}
