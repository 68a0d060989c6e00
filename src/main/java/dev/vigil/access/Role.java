package dev.vigil.access;

import java.util.Locale;

/** What a key may do. An admin key may do everything; the others only their own part. */
public enum Role {
    /** Gallery, streams, keys and configuration changes, and everything below. */
    ADMIN,
    /** Identify and verify only: for door controllers and integrations that must not change the gallery. */
    RECOGNIZE,
    /** Read-only: dashboard, events, gallery listings. */
    VIEW;

    public boolean allows(Role required) {
        return this == ADMIN || this == required;
    }

    public static Role parse(String text) {
        if (text != null) {
            for (Role r : values()) if (r.name().equalsIgnoreCase(text.strip())) return r;
        }
        throw new IllegalArgumentException("role must be one of admin, recognize, view; not '" + text + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
