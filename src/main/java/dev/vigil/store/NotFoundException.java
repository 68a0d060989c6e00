package dev.vigil.store;

/** The subject or template does not exist. */
public final class NotFoundException extends StoreException {
    public NotFoundException(String message) {
        super(message);
    }
}
