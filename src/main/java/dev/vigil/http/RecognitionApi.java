package dev.vigil.http;

import dev.vigil.engine.DecodedImage;
import dev.vigil.engine.Embedding;
import dev.vigil.engine.Face;
import dev.vigil.engine.FaceJson;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.event.EventBus;
import dev.vigil.event.EventSink;
import dev.vigil.learning.RecentProbes;
import dev.vigil.event.FrameEvent;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.gallery.Template;
import dev.vigil.recognition.Recognizer;
import dev.vigil.store.Store;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** /api/v1/identify (1:N) and /api/v1/verify (1:1). */
final class RecognitionApi {
    private final Recognizer recognizer;
    private final ImageDecoder decoder;
    private final Store store;
    private final long maxUploadBytes;
    private final Metrics metrics;
    private final EventSink events;
    private final RecentProbes probes;

    /** @param probes where each decision's face is kept for a while, for an operator's "not this person" */
    RecognitionApi(Recognizer recognizer, ImageDecoder decoder, Store store, long maxUploadBytes, Metrics metrics,
                   EventSink events, RecentProbes probes) {
        this.probes = probes;
        this.recognizer = recognizer;
        this.events = events;
        this.decoder = decoder;
        this.store = store;
        this.maxUploadBytes = maxUploadBytes;
        this.metrics = metrics;
    }

    /** A decision and the id of the event that carried it. */
    record Published(Recognizer.Identified face, String eventId) {
    }

    void identify(Context ctx) {
        byte[] image = Uploads.bytes(ctx, "image", maxUploadBytes);
        var views = new java.util.ArrayList<Map<String, Object>>();
        for (Published p : identifyAndPublish(image, UnaryOperator.identity())) {
            Map<String, Object> view = Views.identified(p.face());
            view.put("event_id", p.eventId());
            views.add(view);
        }
        ctx.json(Map.of("faces", views));
    }

    /**
     * The one identify path, shared with the CompreFace and DeepStack adapters: decode, identify the faces
     * {@code select} keeps, count them, and publish each decision as an event.
     */
    List<Published> identifyAndPublish(byte[] image, UnaryOperator<List<Face>> select) {
        try (DecodedImage img = decoder.decode(image)) {
            List<Recognizer.Identified> faces = recognizer.identify(img, select);
            metrics.facesEmbedded(faces.size());
            var out = new java.util.ArrayList<Published>(faces.size());
            var decided = new java.util.ArrayList<RecognitionEvent>(faces.size());
            for (Recognizer.Identified f : faces) {
                RecognitionEvent event = event(f);
                probes.remember(event.id(), event.subjectId(), f.face().embedding());
                events.publish(event);
                decided.add(event);
                out.add(new Published(f, event.id()));
            }
            events.publishFrame(new FrameEvent("api", null, EventBus.now(), decided));
            return out;
        }
    }

    /** Two images ({@code image1}, {@code image2}), or one image and a {@code subject_id}. */
    void verify(Context ctx) {
        byte[] first = Uploads.bytes(ctx, "image1", maxUploadBytes);
        String subjectId = Uploads.optionalText(ctx, "subject_id");
        Recognizer.Verified v;
        var m = new LinkedHashMap<String, Object>();
        try (DecodedImage a = decoder.decode(first)) {
            if (subjectId != null && !subjectId.isBlank()) {
                var subject = store.findSubject(subjectId).orElseThrow(() -> ApiError.notFound("subject " + subjectId));
                List<Embedding> templates = store.templates(subjectId).stream().map(Template::embedding).toList();
                v = recognizer.verify(a, templates).orElseThrow(RecognitionApi::noFace);
                m.put("subject", Views.subjectRef(subject.id(), subject.name()));
            } else {
                byte[] second = Uploads.bytes(ctx, "image2", maxUploadBytes);
                try (DecodedImage b = decoder.decode(second)) {
                    v = recognizer.verify(a, b).orElseThrow(RecognitionApi::noFace);
                }
            }
        }
        metrics.facesEmbedded(subjectId == null ? 2 : 1);
        m.put("decision", v.decision().name());
        m.put("similarity", FaceJson.round(v.similarity(), 4));
        m.put("threshold", recognizer.thresholds().accept());
        m.put("box", FaceJson.box(v.probe().box()));
        ctx.json(m);
    }

    /** Every face an identify call decides is an event, like a face on a stream. */
    private static RecognitionEvent event(Recognizer.Identified f) {
        var face = f.face();
        return new RecognitionEvent(EventBus.newId(), EventBus.now(), "api", null, -1, f.decision(),
                f.subject() == null ? null : f.subject().subjectId(), f.subject() == null ? null : f.subject().name(),
                f.similarity(), face.box(), face.quality() == null ? Float.NaN : face.quality().score(), face.liveness(), null);
    }

    private static ApiError noFace() {
        return new ApiError(422, "no_face", "no face was found in one of the images");
    }
}
