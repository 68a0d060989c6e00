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
 * Exact cosine search over every template. Vectors live in fixed-size float blocks (no giant copies as the gallery
 * grows; a delete moves the last vector into the hole), so a search is one tight loop over memory. Searches share a
 * read lock and run in parallel; enrol and delete take the write lock for a few microseconds. Above
 * {@link #PARALLEL_THRESHOLD} templates a search is split across the cores.
 */
public final class FaceIndex implements EmbeddingIndex {
    static final int BLOCK = 8192;
    /** Below this a single thread is faster than the fork/join overhead (measured: see docs/BENCHMARKS.md). */
    static final int PARALLEL_THRESHOLD = 32_768;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<float[]> blocks = new ArrayList<>();
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
            if (dim < 0) dim = e.dimension();
            if (e.dimension() != dim) throw new IllegalArgumentException("embedding has " + e.dimension() + " dimensions, index has " + dim);
            if (slotOf.containsKey(templateId)) return;
            int slot = size++;
            if (slot / BLOCK >= blocks.size()) blocks.add(new float[BLOCK * dim]);
            System.arraycopy(e.values(), 0, blocks.get(slot / BLOCK), (slot % BLOCK) * dim, dim);
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
                subjects[slot] = subjects[last];
                String moved = templateIds.get(last);
                templateIds.set(slot, moved);
                slotOf.put(moved, slot);
            }
            templateIds.remove(last);
            if (size <= (blocks.size() - 2) * BLOCK) blocks.remove(blocks.size() - 1); // keep one spare block
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
            TopSubjects top = size < PARALLEL_THRESHOLD
                    ? scan(query.values(), 0, size, maxSubjects)
                    : ForkJoinPool.commonPool().invoke(new Scan(query.values(), 0, size, maxSubjects));
            return top.matches(subjectIds, templateIds);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Splits the slot range in halves until a piece is small enough to scan. */
    private final class Scan extends RecursiveTask<TopSubjects> {
        private final float[] q;
        private final int from, to, k;

        Scan(float[] q, int from, int to, int k) {
            this.q = q;
            this.from = from;
            this.to = to;
            this.k = k;
        }

        @Override
        protected TopSubjects compute() {
            int pieces = Math.max(1, ForkJoinPool.getCommonPoolParallelism());
            if (to - from <= Math.max(BLOCK, (size + pieces - 1) / pieces)) return scan(q, from, to, k);
            int mid = (from + to) >>> 1;
            Scan left = new Scan(q, from, mid, k);
            left.fork();
            TopSubjects right = new Scan(q, mid, to, k).compute();
            return left.join().merge(right);
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
