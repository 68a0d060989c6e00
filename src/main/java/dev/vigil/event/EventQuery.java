package dev.vigil.event;

import dev.vigil.recognition.Decision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A page of the event log, newest first. Every filter is optional (null).
 *
 * @param from    at or after this time
 * @param to      before this time
 * @param subject subject name at decision time
 * @param after   the page continues after this position (from the previous page's {@code next})
 */
public record EventQuery(Instant from, Instant to, String stream, String subject, Decision decision, Cursor after,
                         int limit) {
    public EventQuery {
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be 1..1000");
    }

    /** A position in the log: the last event of a page. Opaque to clients. */
    public record Cursor(long timeMs, String id) {
        public String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((timeMs + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor decode(String text) {
            try {
                String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int colon = s.indexOf(':');
                return new Cursor(Long.parseLong(s.substring(0, colon)), s.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor is not one this server gave out");
            }
        }
    }

    /** @param next cursor of the following page, null on the last page */
    public record Page(java.util.List<LoggedEvent> events, String next) {
    }
}
