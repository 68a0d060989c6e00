package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.event.EventStore;
import dev.vigil.gallery.Gallery;
import dev.vigil.learning.Learner;
import dev.vigil.learning.RecentProbes;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * What an operator does with what Vigil learned: "not this person" on a decision (a negative example), merging an
 * auto-profile into a person, and running the prune job now.
 */
final class LearningApi {
    private final Learner learner;
    private final Gallery gallery;
    private final EventStore events;
    private final ObjectMapper json;

    LearningApi(Learner learner, Gallery gallery, EventStore events, ObjectMapper json) {
        this.learner = learner;
        this.gallery = gallery;
        this.events = events;
        this.json = json;
    }

    /** POST /api/v1/events/{id}/not-this-person: the decision's face becomes a negative example of the subject it named. */
    void notThisPerson(Context ctx) {
        String eventId = ctx.pathParam("id");
        Optional<RecentProbes.Probe> probe = learner.probes().find(eventId);
        if (probe.isEmpty()) {
            if (events.find(eventId).isEmpty()) throw ApiError.notFound("event " + eventId);
            throw new ApiError(409, "face_not_kept", "the face of event " + eventId + " is no longer kept in memory "
                    + "(only recent decisions' faces are, and none survive a restart)");
        }
        String subjectId = probe.get().subjectId();
        if (subjectId == null) throw new ApiError(400, "no_subject", "event " + eventId + " named nobody");
        String negativeId = recordNegative(eventId, subjectId).orElseThrow();
        var m = new LinkedHashMap<String, Object>();
        m.put("event_id", eventId);
        m.put("subject_id", subjectId);
        m.put("negative_id", negativeId);
        m.put("negatives", learner.negatives().count(subjectId));
        ctx.status(201).json(m);
    }

    /** The id of the negative example recorded, empty when the event's face is no longer kept. */
    Optional<String> recordNegative(String eventId, String subjectId) {
        return learner.notThisPerson(eventId, subjectId);
    }

    /** POST /api/v1/subjects/{id}/merge {@code {"into": "<subject id>"}}: moves every template, then deletes {id}. */
    void merge(Context ctx) throws Exception {
        String from = ctx.pathParam("id");
        JsonNode body = json.readTree(ctx.body());
        JsonNode into = body == null ? null : body.get("into");
        if (into == null || !into.isTextual() || into.asText().isBlank()) throw ApiError.missing("into");
        if (into.asText().equals(from)) throw new ApiError(400, "invalid_request", "a subject cannot be merged into itself");
        int moved = gallery.merge(from, into.asText());
        var m = new LinkedHashMap<String, Object>();
        m.put("into", into.asText());
        m.put("templates_moved", moved);
        ctx.json(m);
    }

    /** POST /api/v1/learning/prune: runs the prune job now and says what it removed. */
    void prune(Context ctx) {
        var p = learner.prune(Instant.now());
        var m = new LinkedHashMap<String, Object>();
        m.put("profiles", p.profiles());
        m.put("templates", p.templates());
        ctx.json(m);
    }
}
