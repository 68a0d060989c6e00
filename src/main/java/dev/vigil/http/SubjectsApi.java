package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.gallery.Gallery;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.ZipImport;
import dev.vigil.store.Page;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/v1/subjects: people, their templates, enrolment from images and ZIPs. */
final class SubjectsApi {
    private final Gallery gallery;
    private final ZipImport zipImport;
    private final ObjectMapper json;
    private final long maxUploadBytes;
    private final long maxZipBytes;
    private final Metrics metrics;

    SubjectsApi(Gallery gallery, ZipImport zipImport, ObjectMapper json, long maxUploadBytes, long maxZipBytes, Metrics metrics) {
        this.gallery = gallery;
        this.zipImport = zipImport;
        this.json = json;
        this.maxUploadBytes = maxUploadBytes;
        this.maxZipBytes = maxZipBytes;
        this.metrics = metrics;
    }

    void create(Context ctx) throws IOException {
        JsonNode body = Uploads.json(ctx, json);
        String name = body.path("name").asText(null);
        if (name == null || name.isBlank()) throw new ApiError(400, "missing_field", "'name' is required");
        Subject s = gallery.create(name, metadata(body.get("metadata")));
        ctx.status(201).json(Views.subject(s));
    }

    void list(Context ctx) {
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", 50, 1, 1000);
        Page<Subject> page = gallery.store().listSubjects(offset, limit);
        var m = new LinkedHashMap<String, Object>();
        m.put("subjects", page.items().stream().map(Views::subject).toList());
        m.put("offset", page.offset());
        m.put("limit", page.limit());
        m.put("total", page.total());
        ctx.json(m);
    }

    void get(Context ctx) {
        Subject s = subject(ctx);
        Map<String, Object> m = Views.subject(s);
        m.put("templates", gallery.store().templates(s.id()).stream().map(Views::template).toList());
        ctx.json(m);
    }

    /** PATCH: rename and/or replace metadata. */
    void update(Context ctx) throws IOException {
        Subject s = subject(ctx);
        JsonNode body = Uploads.json(ctx, json);
        if (body.has("name")) {
            String name = body.get("name").asText("");
            if (name.isBlank()) throw new ApiError(400, "invalid_request", "'name' must not be empty");
            s = gallery.rename(s.id(), name);
        }
        if (body.has("metadata")) s = gallery.updateMetadata(s.id(), metadata(body.get("metadata")));
        ctx.json(Views.subject(s));
    }

    void delete(Context ctx) {
        Subject s = subject(ctx);
        gallery.delete(s.id());
        ctx.json(Map.of("deleted", s.id(), "name", s.name(), "templates_deleted", s.templateCount()));
    }

    /**
     * Everything stored about one person, for a subject access request: the record, every template with its
     * embedding and crop, and the audit trail of changes to it.
     */
    void export(Context ctx) {
        Subject s = subject(ctx);
        Map<String, Object> m = Views.subject(s);
        var b64 = java.util.Base64.getEncoder();
        m.put("templates", gallery.store().templates(s.id()).stream().map(t -> {
            Map<String, Object> v = Views.template(t);
            v.put("embedding", t.embedding().values());
            v.put("crop_jpeg_base64", gallery.store().templateCrop(t.id()).map(b64::encodeToString).orElse(null));
            return v;
        }).toList());
        m.put("audit", gallery.store().auditLog(0, 10_000, s.id()).stream().map(Views::audit).toList());
        m.put("exported_at", java.time.Instant.now().toString());
        ctx.header("Content-Disposition", "attachment; filename=\"subject-" + s.id() + ".json\"").json(m);
    }

    void deleteTemplate(Context ctx) {
        Subject s = subject(ctx);
        String templateId = ctx.pathParam("templateId");
        if (!gallery.deleteTemplate(s.id(), templateId)) throw ApiError.notFound("template " + templateId + " of subject " + s.id());
        ctx.json(Map.of("deleted", templateId));
    }

    void templateCrop(Context ctx) {
        Subject s = subject(ctx);
        String templateId = ctx.pathParam("templateId");
        var t = gallery.store().findTemplate(templateId).filter(x -> x.subjectId().equals(s.id()))
                .orElseThrow(() -> ApiError.notFound("template " + templateId));
        byte[] jpeg = gallery.store().templateCrop(t.id()).orElseThrow(() -> ApiError.notFound("a crop of template " + templateId));
        ctx.contentType("image/jpeg").result(jpeg);
    }

    /** POST /subjects/{id}/templates: multipart {@code image}, optional {@code face}. */
    void enroll(Context ctx) {
        Subject s = subject(ctx);
        byte[] image = Uploads.bytes(ctx, "image", maxUploadBytes);
        var e = gallery.enroll(s.id(), image, Uploads.optionalText(ctx, "face"), "upload:" + filename(ctx));
        metrics.facesEmbedded(1);
        ctx.status(201).json(enrolled(e));
    }

    /** POST /enroll: multipart {@code name} and {@code image}; {@code create=true} makes the subject if needed. */
    void enrollByName(Context ctx) {
        String name = Uploads.text(ctx, "name");
        byte[] image = Uploads.bytes(ctx, "image", maxUploadBytes);
        boolean create = "true".equalsIgnoreCase(Uploads.optionalText(ctx, "create"));
        var e = gallery.enrollByName(name, create, image, Uploads.optionalText(ctx, "face"), "upload:" + filename(ctx));
        metrics.facesEmbedded(1);
        ctx.status(201).json(enrolled(e));
    }

    static Map<String, Object> enrolled(Gallery.Enrolled e) {
        var m = new LinkedHashMap<String, Object>();
        m.put("subject", Views.subject(e.subject()));
        m.put("template", Views.template(e.template()));
        m.put("face", dev.vigil.engine.FaceJson.of(e.face(), false, false));
        return m;
    }

    /**
     * POST /subjects/import: multipart {@code zip}. The report lists every entry; with {@code stream=true} it is sent
     * as NDJSON, one line per entry as soon as its template is committed, then a summary line.
     */
    void importZip(Context ctx) throws IOException {
        var upload = Uploads.file(ctx, "zip", maxZipBytes);
        boolean stream = "true".equalsIgnoreCase(ctx.queryParam("stream"));
        if (!stream) {
            List<ZipImport.EntryResult> results = zipImport.run(upload::content, r -> countEnrolled(r));
            ctx.json(report(results));
            return;
        }
        ctx.contentType("application/x-ndjson");
        OutputStream out = ctx.outputStream();
        List<ZipImport.EntryResult> results = zipImport.run(upload::content, r -> {
            countEnrolled(r);
            try {
                out.write((json.writeValueAsString(entry(r)) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Map<String, Object> summary = report(results);
        summary.remove("entries");
        out.write((json.writeValueAsString(summary) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void countEnrolled(ZipImport.EntryResult r) {
        if (r.templateId() != null) metrics.facesEmbedded(1);
    }

    static Map<String, Object> report(List<ZipImport.EntryResult> results) {
        var m = new LinkedHashMap<String, Object>();
        m.put("enrolled", results.stream().filter(r -> r.templateId() != null).count());
        m.put("skipped", results.stream().filter(r -> r.templateId() == null).count());
        m.put("entries", results.stream().map(SubjectsApi::entry).toList());
        return m;
    }

    static Map<String, Object> entry(ZipImport.EntryResult r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("entry", r.entry());
        m.put("subject", r.subject());
        m.put("status", r.status());
        if (r.templateId() != null) m.put("template_id", r.templateId());
        if (r.reason() != null) m.put("reason", r.reason());
        return m;
    }

    private Subject subject(Context ctx) {
        String id = ctx.pathParam("id");
        return gallery.store().findSubject(id).orElseThrow(() -> ApiError.notFound("subject " + id));
    }

    private static Map<String, String> metadata(JsonNode node) {
        if (node == null || node.isNull()) return Map.of();
        if (!node.isObject()) throw new ApiError(400, "invalid_request", "'metadata' must be an object of strings");
        var m = new LinkedHashMap<String, String>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return m;
    }

    private static String filename(Context ctx) {
        var f = ctx.uploadedFile("image");
        return f == null || f.filename() == null ? "image" : f.filename();
    }

    static int intParam(Context ctx, String name, int def, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return def;
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) throw new NumberFormatException();
            return i;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "invalid_request", "'" + name + "' must be a whole number from " + min + " to " + max);
        }
    }
}
