package dev.vigil.gallery;

/**
 * A face that cannot be enrolled: {@code no_face}, {@code several_faces}, {@code low_quality} or {@code no_such_face}.
 * The message says why and what to do.
 */
public final class EnrollmentRefused extends RuntimeException {
    private final String code;

    public EnrollmentRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
