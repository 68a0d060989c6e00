package dev.vigil.http;

/** An error the client caused, with its HTTP status and a stable machine-readable code. */
public final class ApiError extends RuntimeException {
    final int status;
    final String code;

    public ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ApiError missing(String field) {
        return new ApiError(400, "missing_field", "the form field '" + field + "' is required");
    }

    static ApiError notFound(String what) {
        return new ApiError(404, "not_found", what + " does not exist");
    }
}
