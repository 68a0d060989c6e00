package dev.vigil.engine;

/**
 * An input that is not a usable image. {@code code} is stable and machine-readable: {@code empty_image},
 * {@code invalid_image}, {@code truncated_image}, {@code image_too_large}.
 */
public final class ImageException extends RuntimeException {
    private final String code;

    public ImageException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
