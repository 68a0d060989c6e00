package dev.vigil.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.engine.BoundingBox;
import dev.vigil.engine.Embedding;
import dev.vigil.engine.Eyes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Base64;

/**
 * The wire form of an {@link Observation}: JSON with the embedding as base64 little-endian float16, about 1.6 KB in
 * all (half precision moves a cosine by less than 0.001, far below any threshold's resolution). Reading checks every
 * field, since it comes from the network.
 */
public final class ObservationJson {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_STREAM_NAME = 128;
    private static final int MAX_DIMENSION = 4096;

    private ObservationJson() {
    }

    public static byte[] write(Observation o) {
        ObjectNode n = JSON.createObjectNode();
        if (o.node() != null) n.put("node", o.node());
        n.put("stream", o.stream());
        n.put("track_id", o.trackId());
        n.put("embedding", Base64.getEncoder().encodeToString(halfFloats(o.embedding())));
        var box = n.putArray("box");
        for (float v : o.box().toArray()) box.add(round(v));
        n.put("quality", round(o.quality()));
        if (!Float.isNaN(o.liveness())) n.put("liveness", round(o.liveness()));
        if (o.eyes() != null) n.putArray("eyes").add(round(o.eyes().leftOpen())).add(round(o.eyes().rightOpen()));
        n.put("first_seen", o.firstSeen().toEpochMilli());
        n.put("seen", o.seen().toEpochMilli());
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and checks one observation; {@link IllegalArgumentException} says what is wrong. */
    public static Observation read(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("an observation must be a JSON object");
        String stream = text(n, "stream");
        if (stream.isBlank() || stream.length() > MAX_STREAM_NAME) {
            throw new IllegalArgumentException("'stream' must be 1.." + MAX_STREAM_NAME + " characters");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text(n, "embedding"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'embedding' must be base64");
        }
        if (raw.length == 0 || raw.length % 2 != 0 || raw.length > MAX_DIMENSION * 2) {
            throw new IllegalArgumentException("'embedding' must hold 1.." + MAX_DIMENSION + " float16 values");
        }
        var buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[raw.length / 2];
        double norm = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.float16ToFloat(buf.getShort());
            norm += (double) values[i] * values[i];
        }
        if (!(Math.abs(norm - 1) < 1e-2)) throw new IllegalArgumentException("'embedding' must be L2-normalised");
        Embedding embedding = Embedding.normalised(values);
        JsonNode box = n.get("box");
        if (box == null || !box.isArray() || box.size() != 4) throw new IllegalArgumentException("'box' must be [x1, y1, x2, y2]");
        JsonNode eyes = n.get("eyes");
        return new Observation(n.hasNonNull("node") ? n.get("node").asText() : null, stream.strip(), number(n, "track_id"),
                embedding, new BoundingBox((float) box.get(0).asDouble(), (float) box.get(1).asDouble(),
                        (float) box.get(2).asDouble(), (float) box.get(3).asDouble()),
                unit(n.get("quality"), "quality"), n.hasNonNull("liveness") ? unit(n.get("liveness"), "liveness") : Float.NaN,
                eyes == null || eyes.isNull() ? null : new Eyes(unit(eyes.get(0), "eyes"), unit(eyes.get(1), "eyes")),
                Instant.ofEpochMilli(number(n, "first_seen")), Instant.ofEpochMilli(number(n, "seen")));
    }

    public static Observation read(byte[] bytes) {
        try {
            return read(JSON.readTree(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("an observation must be JSON: " + e.getMessage());
        }
    }

    private static byte[] halfFloats(Embedding e) {
        var buf = ByteBuffer.allocate(e.dimension() * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : e.values()) buf.putShort(Float.floatToFloat16(v));
        return buf.array();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("'" + field + "' must be a string");
        return v.asText();
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong()) throw new IllegalArgumentException("'" + field + "' must be an integer");
        return v.asLong();
    }

    private static float unit(JsonNode v, String field) {
        if (v == null || !v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            throw new IllegalArgumentException("'" + field + "' must be a number in [0,1]");
        }
        return (float) v.asDouble();
    }

    /** Three decimals are finer than any threshold; they keep the JSON short. */
    private static double round(float v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
