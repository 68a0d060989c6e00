package dev.vigil.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard sessions: a browser logs in once with a key and then carries a random session id in an HttpOnly cookie,
 * so the key is not kept in the page. Sessions live in memory (a restart logs everyone out) and end with their key.
 */
public final class Sessions {
    private record Session(ApiKey key, Instant expires) {
    }

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Sessions(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public String open(ApiKey key) {
        byId.values().removeIf(s -> s.expires().isBefore(clock.instant())); // logins are rare: tidy here
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byId.put(id, new Session(key, clock.instant().plus(lifetime)));
        return id;
    }

    public Optional<ApiKey> find(String id) {
        if (id == null) return Optional.empty();
        Session s = byId.get(id);
        if (s == null) return Optional.empty();
        if (s.expires().isBefore(clock.instant())) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.of(s.key());
    }

    public void close(String id) {
        if (id != null) byId.remove(id);
    }

    /** Ends every session opened with this key (the key was revoked). */
    public void closeAll(String keyName) {
        byId.values().removeIf(s -> s.key().name().equals(keyName));
    }

    public Duration lifetime() {
        return lifetime;
    }
}
