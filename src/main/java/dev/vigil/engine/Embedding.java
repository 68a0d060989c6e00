package dev.vigil.engine;

import java.util.Arrays;

/**
 * A face embedding: 512 floats, L2-normalised so that the dot product of two embeddings is their cosine similarity.
 * The array is owned by the record; callers must not mutate it.
 */
public record Embedding(float[] values) {

    public Embedding {
        if (values.length == 0) throw new IllegalArgumentException("empty embedding");
    }

    /** Copies and L2-normalises raw model output. */
    public static Embedding normalised(float[] raw) {
        double sum = 0;
        for (float v : raw) sum += (double) v * v;
        if (sum == 0) throw new IllegalArgumentException("zero-norm embedding");
        float inv = (float) (1.0 / Math.sqrt(sum));
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) out[i] = raw[i] * inv;
        return new Embedding(out);
    }

    public int dimension() {
        return values.length;
    }

    /** Cosine similarity in [-1, 1]; both sides are already unit length. */
    public float cosine(Embedding other) {
        return dot(values, other.values);
    }

    static float dot(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("dimension mismatch " + a.length + " vs " + b.length);
        float s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Little-endian float32 bytes, the stored form. */
    public byte[] toBytes() {
        var buf = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return buf.array();
    }

    public static Embedding fromBytes(byte[] bytes) {
        var fb = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] v = new float[fb.remaining()];
        fb.get(v);
        return new Embedding(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Embedding[" + values.length + "d]";
    }
}
