package dev.vigil.event;

import dev.vigil.recognition.Decision;
import java.time.Instant;
import java.util.Set;

/**
 * A webhook target.
 *
 * @param decisions       which decisions it receives
 * @param cooldownSeconds after a delivery about a person, further events about that person within this time are not
 *                        sent (marked COOLDOWN)
 * @param fromConfig      defined in the config file, so it cannot be deleted over the API
 */
public record Webhook(String id, String url, String secret, Set<Decision> decisions, int cooldownSeconds,
                      boolean fromConfig, Instant createdAt) {
    public Webhook {
        decisions = Set.copyOf(decisions);
    }
}
