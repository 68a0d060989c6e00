package dev.vigil.store;

/** Another subject (or key, ...) already has this name. */
public final class DuplicateNameException extends StoreException {
    public DuplicateNameException(String name) {
        this("subject", name);
    }

    public DuplicateNameException(String kind, String name) {
        super("a " + kind + " named '" + name + "' already exists");
    }
}
