package dev.vigil.store;

/** Another subject already has this display name. */
public final class DuplicateNameException extends StoreException {
    public DuplicateNameException(String name) {
        super("a subject named '" + name + "' already exists");
    }
}
