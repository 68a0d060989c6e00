package dev.vigil.http;

import dev.vigil.gallery.Gallery;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.ZipImport;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simple API of seed 000, unchanged in shape: {@code POST /register} (form name, image), {@code POST /unregister}
 * (form name), {@code GET /faces} (array of names), {@code POST /register-faces} (form zip). It runs on the same
 * gallery as /api/v1, so a name registered here is a subject there.
 */
final class SeedApi {
    private final Gallery gallery;
    private final ZipImport zipImport;
    private final long maxUploadBytes;
    private final long maxZipBytes;

    SeedApi(Gallery gallery, ZipImport zipImport, long maxUploadBytes, long maxZipBytes) {
        this.gallery = gallery;
        this.zipImport = zipImport;
        this.maxUploadBytes = maxUploadBytes;
        this.maxZipBytes = maxZipBytes;
    }

    void register(Context ctx) {
        String name = Uploads.text(ctx, "name");
        byte[] image = Uploads.bytes(ctx, "image", maxUploadBytes);
        var e = gallery.enrollByName(name.trim(), true, image, null, "register");
        var m = new LinkedHashMap<String, Object>();
        m.put("status", "registered");
        m.put("name", e.subject().name());
        m.put("subject_id", e.subject().id());
        m.put("template_id", e.template().id());
        ctx.status(201).json(m);
    }

    void unregister(Context ctx) {
        String name = Uploads.text(ctx, "name").trim();
        Subject s = gallery.store().findSubjectByName(name)
                .orElseThrow(() -> ApiError.notFound("a face named '" + name + "'"));
        gallery.delete(s.id());
        ctx.json(Map.of("status", "unregistered", "name", s.name(), "templates_deleted", s.templateCount()));
    }

    void faces(Context ctx) {
        ctx.json(gallery.subjects().stream().map(Subject::name).toList());
    }

    void registerFaces(Context ctx) throws IOException {
        var upload = Uploads.file(ctx, "zip", maxZipBytes);
        List<ZipImport.EntryResult> results = zipImport.run(upload::content, r -> { });
        var m = new LinkedHashMap<String, Object>();
        m.put("registered", results.stream().filter(r -> r.templateId() != null).map(ZipImport.EntryResult::subject).distinct().toList());
        m.put("skipped", results.stream().filter(r -> r.templateId() == null)
                .map(r -> Map.of("file", r.entry(), "reason", r.reason())).toList());
        ctx.json(m);
    }
}
