package dev.vigil.engine;

/** The models cannot be had or loaded; the message says what the user should do. */
public final class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
