package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reading multipart uploads with the configured size limits. */
final class Uploads {
    private Uploads() {
    }

    static UploadedFile file(Context ctx, String field, long maxBytes) {
        if (!String.valueOf(ctx.contentType()).toLowerCase().startsWith("multipart/form-data")) {
            throw new ApiError(400, "missing_field", "send a multipart/form-data request with the file in the form field '" + field + "'");
        }
        UploadedFile f = ctx.uploadedFile(field);
        if (f == null) throw ApiError.missing(field);
        checkSize(f, "'" + field + "'", maxBytes);
        return f;
    }

    static byte[] bytes(Context ctx, String field, long maxBytes) {
        return bytes(file(ctx, field, maxBytes));
    }

    /** Every uploaded file, whatever its field name, each within the limit. */
    static List<byte[]> allBytes(Context ctx, long maxBytes) {
        List<byte[]> out = new ArrayList<>();
        for (UploadedFile f : ctx.uploadedFiles()) {
            checkSize(f, "'" + f.filename() + "'", maxBytes);
            out.add(bytes(f));
        }
        return out;
    }

    private static void checkSize(UploadedFile f, String what, long maxBytes) {
        if (f.size() > maxBytes) {
            throw new ApiError(413, "payload_too_large", what + " is " + f.size() + " bytes; at most " + maxBytes + " are accepted");
        }
    }

    private static byte[] bytes(UploadedFile f) {
        try (InputStream in = f.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as a JSON object; anything else is a 400 {@code malformed_json}. */
    static JsonNode json(Context ctx, ObjectMapper json) throws IOException {
        String body = ctx.body();
        if (body.isBlank()) throw new ApiError(400, "malformed_json", "a JSON object body is required");
        JsonNode node = json.readTree(body);
        if (node == null || !node.isObject()) throw new ApiError(400, "malformed_json", "the body must be a JSON object");
        return node;
    }

    /** A required text field, from the form or the query string. */
    static String text(Context ctx, String field) {
        String v = optionalText(ctx, field);
        if (v == null || v.isBlank()) throw ApiError.missing(field);
        return v;
    }

    static String optionalText(Context ctx, String field) {
        String v = null;
        if (String.valueOf(ctx.contentType()).toLowerCase().startsWith("multipart/form-data")
                || String.valueOf(ctx.contentType()).toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            v = ctx.formParam(field);
        }
        return v != null ? v : ctx.queryParam(field);
    }
}
