package dev.vigil.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.engine.ImageException;
import dev.vigil.gallery.EnrollmentRefused;
import dev.vigil.gallery.ZipImport;
import dev.vigil.store.DuplicateNameException;
import dev.vigil.store.NotFoundException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception into a JSON error, in one place. Stack traces go to the log, never to the client. Vigil's own
 * shape is {@code {"error","message"}}; the compatibility APIs set their original's shape per request ({@link #shape}).
 */
final class Errors {
    /** Set once an error body of ours is written, so the 404 fallback leaves it alone. */
    private static final String WRITTEN = "vigil.error.written";
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
    private static final String SHAPE = "vigil.errorShape";

    /** How one API family writes an error: status, Vigil's stable code, and a message for humans. */
    @FunctionalInterface
    interface Shape {
        void write(Context ctx, int status, String code, String message);
    }

    private Errors() {
    }

    static void install(Javalin app) {
        app.exception(Exception.class, (e, ctx) -> handle(unwrap(e), ctx));
        app.error(404, ctx -> {
            // A 404 that no handler of ours wrote is a path with no endpoint (Javalin's own body, JSON or not).
            if (ctx.attribute(WRITTEN) == null) write(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
        });
        app.error(405, ctx -> write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException
                || e instanceof jakarta.servlet.ServletException) && e.getCause() != null) e = e.getCause();
        return e;
    }

    private static void handle(Throwable e, Context ctx) {
        switch (e) {
            case ApiError a -> write(ctx, a.status, a.code, a.getMessage());
            case ImageException i -> write(ctx, i.code().equals("image_too_large") ? 413 : 400, i.code(), i.getMessage());
            case EnrollmentRefused r -> write(ctx, 422, r.code(), r.getMessage());
            case ZipImport.RefusedZip z -> write(ctx, z.code().equals("zip_too_large") ? 413 : 400, z.code(), z.getMessage());
            case NotFoundException n -> write(ctx, 404, "not_found", n.getMessage());
            case DuplicateNameException d -> write(ctx, 409, "duplicate_name", d.getMessage());
            case JsonProcessingException j -> write(ctx, 400, "malformed_json", "the request body is not valid JSON: " + j.getOriginalMessage());
            case IllegalArgumentException i -> write(ctx, 400, "invalid_request", i.getMessage());
            case HttpResponseException h -> write(ctx, h.getStatus(), h.getStatus() == 413 ? "payload_too_large" : "bad_request", h.getMessage());
            case IllegalStateException s when isSizeLimit(s) -> write(ctx, 413, "payload_too_large", "the upload is larger than the server accepts");
            default -> {
                if (isSizeLimit(e)) {
                    write(ctx, 413, "payload_too_large", "the upload is larger than the server accepts");
                } else {
                    LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                    write(ctx, 500, "internal_error", "the server failed to handle this request; see its log");
                }
            }
        }
    }

    /** Jetty reports an oversized multipart part as an IllegalStateException mentioning the size limit. */
    private static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase();
            if (m.contains("exceeds max") || m.contains("max file size") || m.contains("too large") || m.contains("request is too big")) return true;
        }
        return false;
    }

    /** Every error of this request, including 404 and 405, is written in {@code shape}. */
    static void shape(Context ctx, Shape shape) {
        ctx.attribute(SHAPE, shape);
    }

    static void write(Context ctx, int status, String code, String message) {
        ctx.attribute(WRITTEN, true);
        Shape shape = ctx.attribute(SHAPE);
        String text = message == null ? code : message;
        if (shape != null) {
            shape.write(ctx, status, code, text);
        } else {
            ctx.status(status).json(Map.of("error", code, "message", text));
        }
    }
}
