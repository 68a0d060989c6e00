package dev.vigil.http;

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
