package dev.vigil.stream;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.http.Http;
import java.time.Duration;
import java.util.Optional;
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
        return poll(http, id, System.nanoTime() + timeout.toNanos(), until).orElseGet(() -> fail("stream did not become "
                + what + " within " + timeout.toSeconds() + " s; last status: " + http.get("/api/v1/streams/" + id).json()));
    }

    /** Polls GET /api/v1/streams/{id} every 100 ms until {@code until} holds or {@code deadlineNanos} passes. */
    static Optional<JsonNode> poll(Http http, String id, long deadlineNanos, Predicate<JsonNode> until) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            JsonNode status = http.get("/api/v1/streams/" + id).json();
            if (until.test(status)) return Optional.of(status);
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
