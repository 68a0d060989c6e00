package dev.vigil.access;

import java.time.Instant;

/** A named key and its role. The secret itself is never stored, only its SHA-256. */
public record ApiKey(String name, Role role, Instant createdAt) {
}
