package dev.vigil.recognition;

import dev.vigil.engine.Embedding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Cosine search over every template. Vectors live in fixed-size float blocks (no giant copies as the gallery grows; a
 * delete moves the last vector into the hole), so a search is one tight loop over memory. Searches share a read lock
 * and run in parallel; enrol and delete take the write lock for a few microseconds.
 *
 * <p>Up to {@link #PREFILTER_THRESHOLD} templates every one is scored exactly. Above it, scanning 2 KB of floats per
 * template is bound by memory bandwidth (about 130 ms for a million here), so the scan first compares 64-byte sign
 * codes (one bit per dimension: the Hamming distance estimates the angle) and scores exactly only the
 * {@link #RERANK} nearest codes. A true match lies far closer in angle than strangers do, so it survives the
 * prefilter; the recall cost is measured in docs/BENCHMARKS.md. Above {@link #PARALLEL_THRESHOLD} templates a scan is
 * split across the cores.
 */
public final class FaceIndex implements EmbeddingIndex {
    static final int BLOCK = 8192;
    /** Below this a single thread is faster than the fork/join overhead (measured: see docs/BENCHMARKS.md). */
    static final int PARALLEL_THRESHOLD = 32_768;
    /** From this size on, candidates come from sign codes (measured: docs/BENCHMARKS.md). */
    public static final int PREFILTER_THRESHOLD = 65_536;
    /** How many nearest sign codes are scored exactly. */
    public static final int RERANK = 1024;
    private static final int CODE_LONGS = 8; // 512 dimensions / 64 bits

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<float[]> blocks = new ArrayList<>();
    private final List<long[]> codeBlocks = new ArrayList<>();
    private final List<String> templateIds = new ArrayList<>();
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final Map<String, Integer> subjectNumber = new HashMap<>();
    private final List<String> subjectIds = new ArrayList<>();
    private int[] subjects = new int[0];
    private int dim = -1;
    private int size;

    @Override
    public void add(String templateId, String subjectId, Embedding e) {
        lock.writeLock().lock();
        try {
            if (dim < 0) {
                if (e.dimension() != CODE_LONGS * 64) throw new IllegalArgumentException("the index holds 512-d embeddings");
                dim = e.dimension();
            }
            if (e.dimension() != dim) throw new IllegalArgumentException("embedding has " + e.dimension() + " dimensions, index has " + dim);
            if (slotOf.containsKey(templateId)) return;
            int slot = size++;
            if (slot / BLOCK >= blocks.size()) {
                blocks.add(new float[BLOCK * dim]);
                codeBlocks.add(new long[BLOCK * CODE_LONGS]);
            }
            System.arraycopy(e.values(), 0, blocks.get(slot / BLOCK), (slot % BLOCK) * dim, dim);
            signCode(e.values(), codeBlocks.get(slot / BLOCK), (slot % BLOCK) * CODE_LONGS);
            int subject = subjectNumber.computeIfAbsent(subjectId, s -> {
                subjectIds.add(s);
                return subjectIds.size() - 1;
            });
            if (slot >= subjects.length) subjects = java.util.Arrays.copyOf(subjects, Math.max(1024, subjects.length * 2));
            subjects[slot] = subject;
            templateIds.add(templateId);
            slotOf.put(templateId, slot);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(String templateId) {
        lock.writeLock().lock();
        try {
            Integer slot = slotOf.remove(templateId);
            if (slot == null) return false;
            int last = --size;
            if (slot != last) {
                System.arraycopy(blocks.get(last / BLOCK), (last % BLOCK) * dim, blocks.get(slot / BLOCK), (slot % BLOCK) * dim, dim);
                System.arraycopy(codeBlocks.get(last / BLOCK), (last % BLOCK) * CODE_LONGS, codeBlocks.get(slot / BLOCK),
                        (slot % BLOCK) * CODE_LONGS, CODE_LONGS);
                subjects[slot] = subjects[last];
                String moved = templateIds.get(last);
                templateIds.set(slot, moved);
                slotOf.put(moved, slot);
            }
            templateIds.remove(last);
            if (size <= (blocks.size() - 2) * BLOCK) { // keep one spare block
                blocks.remove(blocks.size() - 1);
                codeBlocks.remove(codeBlocks.size() - 1);
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public int removeSubject(String subjectId) {
        List<String> doomed = new ArrayList<>();
        lock.readLock().lock();
        try {
            Integer subject = subjectNumber.get(subjectId);
            if (subject == null) return 0;
            for (int i = 0; i < size; i++) if (subjects[i] == subject) doomed.add(templateIds.get(i));
        } finally {
            lock.readLock().unlock();
        }
        int removed = 0;
        for (String t : doomed) if (remove(t)) removed++;
        return removed;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Match> search(Embedding query, int maxSubjects) {
        lock.readLock().lock();
        try {
            if (size == 0) return List.of();
            if (query.dimension() != dim) throw new IllegalArgumentException("query has " + query.dimension() + " dimensions, index has " + dim);
            float[] q = query.values();
            if (size < PREFILTER_THRESHOLD) {
                TopSubjects top = size < PARALLEL_THRESHOLD ? scan(q, 0, size, maxSubjects)
                            : ForkJoinPool.commonPool().invoke(new Scan<TopSubjects>(q, 0, size, maxSubjects, null));
                return top.matches(subjectIds, templateIds);
            }
            long[] code = new long[CODE_LONGS];
            signCode(q, code, 0);
            NearestCodes nearest = ForkJoinPool.commonPool().invoke(new Scan<NearestCodes>(q, 0, size, maxSubjects, code));
            TopSubjects top = new TopSubjects(maxSubjects);
            for (int i = 0; i < nearest.n; i++) {
                int slot = nearest.slot(i);
                top.offer(subjects[slot], slot, dot(q, blocks.get(slot / BLOCK), (slot % BLOCK) * dim, dim));
            }
            return top.matches(subjectIds, templateIds);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Splits the slot range in halves until a piece is small enough, then scans it: exactly (a {@link TopSubjects})
     * or, with a query code, by Hamming distance (a {@link NearestCodes}).
     */
    @SuppressWarnings("unchecked")
    private final class Scan<T> extends RecursiveTask<T> {
        private final float[] q;
        private final long[] code;
        private final int from, to, k;

        Scan(float[] q, int from, int to, int k, long[] code) {
            this.q = q;
            this.from = from;
            this.to = to;
            this.k = k;
            this.code = code;
        }

        @Override
        protected T compute() {
            int pieces = Math.max(1, ForkJoinPool.getCommonPoolParallelism() + 1);
            if (to - from <= Math.max(BLOCK, (size + pieces - 1) / pieces)) {
                return (T) (code == null ? scan(q, from, to, k) : nearestCodes(code, from, to));
            }
            int mid = (from + to) >>> 1;
            Scan<T> left = new Scan<>(q, from, mid, k, code);
            left.fork();
            T right = new Scan<T>(q, mid, to, k, code).compute();
            T l = left.join();
            return (T) (code == null ? ((TopSubjects) l).merge((TopSubjects) right) : ((NearestCodes) l).merge((NearestCodes) right));
        }
    }

    private NearestCodes nearestCodes(long[] q, int from, int to) {
        NearestCodes nearest = new NearestCodes(RERANK);
        long q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5], q6 = q[6], q7 = q[7];
        for (int slot = from; slot < to; ) {
            long[] block = codeBlocks.get(slot / BLOCK);
            int end = Math.min(to, (slot / BLOCK + 1) * BLOCK);
            for (int off = (slot % BLOCK) * CODE_LONGS; slot < end; slot++, off += CODE_LONGS) {
                int d = Long.bitCount(q0 ^ block[off]) + Long.bitCount(q1 ^ block[off + 1])
                        + Long.bitCount(q2 ^ block[off + 2]) + Long.bitCount(q3 ^ block[off + 3])
                        + Long.bitCount(q4 ^ block[off + 4]) + Long.bitCount(q5 ^ block[off + 5])
                        + Long.bitCount(q6 ^ block[off + 6]) + Long.bitCount(q7 ^ block[off + 7]);
                if (d < nearest.worst()) nearest.offer(d, slot);
            }
        }
        return nearest;
    }

    /** One bit per dimension: set where the value is positive. */
    static void signCode(float[] v, long[] out, int off) {
        for (int w = 0; w < CODE_LONGS; w++) {
            long bits = 0;
            for (int b = 0; b < 64; b++) if (v[w * 64 + b] > 0) bits |= 1L << b;
            out[off + w] = bits;
        }
    }

    /** The k slots with the smallest Hamming distance: a max-heap of (distance << 32 | slot). */
    static final class NearestCodes {
        private final long[] heap;
        int n;

        NearestCodes(int k) {
            heap = new long[k];
        }

        /** Distances at or above this cannot enter. */
        int worst() {
            return n < heap.length ? Integer.MAX_VALUE : (int) (heap[0] >>> 32);
        }

        int slot(int i) {
            return (int) heap[i];
        }

        void offer(int distance, int slot) {
            long packed = (long) distance << 32 | slot;
            if (n < heap.length) {
                int i = n++;
                heap[i] = packed;
                while (i > 0 && heap[(i - 1) / 2] < heap[i]) {
                    swap(i, (i - 1) / 2);
                    i = (i - 1) / 2;
                }
            } else if (packed < heap[0]) {
                heap[0] = packed;
                for (int i = 0; ; ) {
                    int l = 2 * i + 1, r = l + 1, big = i;
                    if (l < n && heap[l] > heap[big]) big = l;
                    if (r < n && heap[r] > heap[big]) big = r;
                    if (big == i) break;
                    swap(i, big);
                    i = big;
                }
            }
        }

        private void swap(int a, int b) {
            long t = heap[a];
            heap[a] = heap[b];
            heap[b] = t;
        }

        NearestCodes merge(NearestCodes other) {
            for (int i = 0; i < other.n; i++) offer((int) (other.heap[i] >>> 32), other.slot(i));
            return this;
        }
    }

    private TopSubjects scan(float[] q, int from, int to, int k) {
        TopSubjects top = new TopSubjects(k);
        int d = dim;
        for (int slot = from; slot < to; ) {
            float[] block = blocks.get(slot / BLOCK);
            int end = Math.min(to, (slot / BLOCK + 1) * BLOCK);
            for (int off = (slot % BLOCK) * d; slot < end; slot++, off += d) {
                float s = dot(q, block, off, d);
                if (s > top.floor()) top.offer(subjects[slot], slot, s);
            }
        }
        return top;
    }

    /** Four independent sums let the CPU overlap the multiply-adds. */
    static float dot(float[] q, float[] v, int off, int d) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int i = 0; i < d; i += 4) {
            s0 += q[i] * v[off + i];
            s1 += q[i + 1] * v[off + i + 1];
            s2 += q[i + 2] * v[off + i + 2];
            s3 += q[i + 3] * v[off + i + 3];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The best k distinct subjects seen, each with its best slot; k is small, so plain arrays beat a heap. */
    static final class TopSubjects {
        final int[] subject, slot;
        final float[] score;
        int n;
        private float floor = Float.NEGATIVE_INFINITY;

        TopSubjects(int k) {
            subject = new int[k];
            slot = new int[k];
            score = new float[k];
        }

        float floor() {
            return floor;
        }

        void offer(int subj, int sl, float s) {
            for (int i = 0; i < n; i++) {
                if (subject[i] == subj) {
                    if (s > score[i]) {
                        score[i] = s;
                        slot[i] = sl;
                        updateFloor();
                    }
                    return;
                }
            }
            if (n < subject.length) {
                subject[n] = subj;
                slot[n] = sl;
                score[n++] = s;
            } else {
                int worst = 0;
                for (int i = 1; i < n; i++) if (score[i] < score[worst]) worst = i;
                subject[worst] = subj;
                slot[worst] = sl;
                score[worst] = s;
            }
            updateFloor();
        }

        private void updateFloor() {
            if (n < subject.length) return;
            float f = Float.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) f = Math.min(f, score[i]);
            floor = f;
        }

        TopSubjects merge(TopSubjects other) {
            for (int i = 0; i < other.n; i++) offer(other.subject[i], other.slot[i], other.score[i]);
            return this;
        }

        List<Match> matches(List<String> subjectIds, List<String> templateIds) {
            List<Match> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(new Match(subjectIds.get(subject[i]), templateIds.get(slot[i]), score[i]));
            out.sort((a, b) -> Float.compare(b.similarity(), a.similarity()));
            return out;
        }
    }
}
