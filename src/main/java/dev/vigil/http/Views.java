package dev.vigil.http;

import dev.vigil.access.ApiKey;
import dev.vigil.access.AuditEntry;
import dev.vigil.engine.FaceJson;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.Template;
import dev.vigil.recognition.Recognizer;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON shapes of domain records, snake_case, built in one place so every endpoint says the same thing the same way. */
final class Views {
    private Views() {
    }

    static Map<String, Object> subject(Subject s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("created_at", s.createdAt().toString());
        m.put("updated_at", s.updatedAt().toString());
        m.put("metadata", s.metadata());
        m.put("template_count", s.templateCount());
        return m;
    }

    static Map<String, Object> template(Template t) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", t.id());
        m.put("subject_id", t.subjectId());
        m.put("quality", FaceJson.round(t.quality(), 3));
        m.put("source", t.source());
        m.put("created_at", t.createdAt().toString());
        m.put("has_crop", t.hasCrop());
        return m;
    }

    static Map<String, Object> audit(AuditEntry a) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", a.id());
        m.put("time", a.time().toString());
        m.put("actor", a.actor());
        m.put("action", a.action());
        m.put("subject_id", a.subjectId());
        m.put("detail", a.detail());
        return m;
    }

    static Map<String, Object> apiKey(ApiKey k) {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", k.name());
        m.put("role", k.role().label());
        m.put("created_at", k.createdAt().toString());
        return m;
    }

    static Map<String, Object> subjectRef(String id, String name) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", id);
        m.put("name", name);
        return m;
    }

    static Map<String, Object> identified(Recognizer.Identified r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("box", FaceJson.box(r.face().box()));
        m.put("decision", r.decision().name());
        m.put("subject", r.subject() == null ? null : subjectRef(r.subject().subjectId(), r.subject().name()));
        m.put("similarity", FaceJson.round(r.similarity(), 4));
        m.put("candidates", r.candidates().stream().map(c -> Map.of(
                "subject", subjectRef(c.subjectId(), c.name()), "similarity", FaceJson.round(c.similarity(), 4))).toList());
        Map<String, Object> face = FaceJson.of(r.face(), false, false);
        face.remove("box");
        m.put("face", face);
        return m;
    }

}
