package dev.vigil.access;

import java.time.Instant;

/**
 * One change to the gallery or to access: who ({@code actor}: a key name, "local" without keys, "cli"), when, what
 * ({@code action}, e.g. {@code subject.delete}), on which subject (null once that subject is erased) and details as
 * JSON.
 */
public record AuditEntry(long id, Instant time, String actor, String action, String subjectId, String detail) {
}
