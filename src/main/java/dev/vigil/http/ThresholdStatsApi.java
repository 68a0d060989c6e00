package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.eval.ThresholdStats;
import dev.vigil.store.Store;
import io.javalin.http.Context;
import java.util.LinkedHashMap;

/**
 * GET /api/v1/thresholds/stats and POST /api/v1/events/{id}/feedback: how the thresholds fare on live decisions. A
 * wrong PASS also becomes a negative example ({@link LearningApi}).
 */
final class ThresholdStatsApi {
    private static final ObjectMapper SNAKE_CASE = new ObjectMapper()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
    private final ThresholdStats stats;
    private final Store store;
    private final ObjectMapper json;
    private final LearningApi learning;

    ThresholdStatsApi(ThresholdStats stats, Store store, ObjectMapper json, LearningApi learning) {
        this.learning = learning;
        this.stats = stats;
        this.store = store;
        this.json = json;
    }

    void stats(Context ctx) throws Exception {
        ctx.contentType("application/json").result(SNAKE_CASE.writeValueAsString(stats.stats()));
    }

    /** Body {@code {"correct": true}} or {@code {"correct": false, "subject_id": "<who it really was, or null>"}}. */
    void feedback(Context ctx) throws Exception {
        String eventId = ctx.pathParam("id");
        JsonNode body = json.readTree(ctx.body());
        if (body == null || !body.isObject()) throw new ApiError(400, "invalid_request", "the body must be a JSON object");
        JsonNode correct = body.get("correct");
        if (correct == null || !correct.isBoolean()) throw new ApiError(400, "invalid_request", "'correct' must be true or false");
        JsonNode subject = body.get("subject_id");
        if (subject != null && !subject.isNull() && !subject.isTextual()) {
            throw new ApiError(400, "invalid_request", "'subject_id' must be a subject id or null");
        }
        String subjectId = subject == null || subject.isNull() ? null : subject.asText();
        if (subjectId != null && store.findSubject(subjectId).isEmpty()) {
            throw new ApiError(400, "invalid_request", "subject " + subjectId + " does not exist");
        }
        var row = stats.feedback(eventId, new ThresholdStats.Feedback(correct.asBoolean(), subject != null, subjectId))
                .orElseThrow(() -> ApiError.notFound("event " + eventId));
        var m = new LinkedHashMap<String, Object>();
        m.put("event_id", row.eventId());
        m.put("decision", row.decision());
        m.put("similarity", row.similarity());
        m.put("correct", correct.asBoolean());
        m.put("subject_id", subjectId);
        // A PASS the operator says was wrong is also a negative example of the subject it named, when its face is kept.
        boolean wrongPass = !correct.asBoolean() && "PASS".equals(row.decision()) && row.subjectId() != null;
        m.put("negative_example", wrongPass ? learning.recordNegative(eventId, row.subjectId()).orElse(null) : null);
        ctx.json(m);
    }
}
