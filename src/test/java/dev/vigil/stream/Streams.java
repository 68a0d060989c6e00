package dev.vigil.stream;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.http.Http;
import java.time.Duration;
import java.util.function.Predicate;

/** Helpers for stream tests over the real HTTP API. */
final class Streams {
    private Streams() {
    }

    static String create(Http http, String json) {
        var r = http.postJson("/api/v1/streams", json);
        if (r.status() != 201) fail("POST /api/v1/streams gave " + r.status() + ": " + r.body());
        return r.json().get("id").asText();
    }

    /** Polls GET /api/v1/streams/{id} until {@code until} holds; fails with the last status after {@code timeout}. */
    static JsonNode await(Http http, String id, Duration timeout, String what, Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = http.get("/api/v1/streams/" + id).json();
            if (until.test(last)) return last;
            Thread.sleep(200);
        }
        return fail("stream did not become " + what + " within " + timeout.toSeconds() + " s; last status: " + last);
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
