package dev.vigil.eval;

import dev.vigil.event.EventSink;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.recognition.Decision;
import dev.vigil.recognition.Thresholds;
import dev.vigil.store.DecisionLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live threshold statistics: every decision's best similarity and outcome, and operator feedback on it, kept in
 * 0.01-wide similarity bins (so any threshold on the 0.01 grid is answered exactly) and in the {@link DecisionLog}.
 * Publishing only bumps counters and queues the row; one writer thread does the I/O, in order, so feedback on an event
 * always finds it written.
 */
public final class ThresholdStats implements EventSink, AutoCloseable {
    private static final int BINS = 201; // bin k holds similarities in [k/100, (k+1)/100), k from -100 to 100

    private final DecisionLog log;
    private final Thresholds thresholds;
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), r -> Thread.ofPlatform().name("threshold-stats").daemon().unstarted(r));
    private final long[] total = new long[BINS], pass = new long[BINS], reject = new long[BINS], unknown = new long[BINS];
    private final long[] genuine = new long[BINS], impostor = new long[BINS];
    private final AtomicLong dropped = new AtomicLong();

    /** Operator feedback: was the decision right, and if not, who it really was (null: someone never enrolled). */
    public record Feedback(boolean correct, boolean subjectGiven, String subjectId) {
    }

    /** One 0.01 similarity bin: decisions by outcome, and feedback saying the face was / was not the named subject. */
    public record Bin(double from, double to, long count, long pass, long reject, long unknown, long confirmedGenuine,
                      long confirmedImpostor) {
    }

    /** At one accept threshold (reject floor as configured): outcomes, and errors according to feedback. */
    public record GridRow(double threshold, long pass, long reject, long unknown, long falsePass, long falseReject) {
    }

    public record Stats(long decisions, long withFeedback, long dropped, double accept, double rejectFloor,
                        List<Bin> histogram, List<GridRow> grid) {
    }

    public ThresholdStats(DecisionLog log, Thresholds thresholds) {
        this.log = log;
        this.thresholds = thresholds;
        log.forEach(r -> count(r.similarity(), Decision.valueOf(r.decision()), r.genuine()));
    }

    @Override
    public void publish(RecognitionEvent e) {
        if (e.decision() == Decision.INTRUDER) return; // an alert about a person, not a decision against the thresholds
        count(e.similarity(), e.decision(), null);
        var row = new DecisionLog.Row(e.id(), e.time().toEpochMilli(), e.source(), e.stream(), e.decision().name(),
                e.subjectId(), e.similarity(), null, null, null);
        try {
            writer.execute(() -> log.insert(row));
        } catch (RejectedExecutionException full) {
            dropped.incrementAndGet(); // counted live, but not persisted: the disk is not keeping up
        }
    }

    /**
     * Records feedback on a decision; empty when there is no such event. The face was the named subject ("genuine")
     * when a PASS is confirmed, when a REJECT is called wrong without naming anyone else, or when the true subject
     * given is the one named.
     */
    public Optional<DecisionLog.Row> feedback(String eventId, Feedback f) {
        try {
            return writer.submit(() -> log.find(eventId).map(row -> {
                Decision d = Decision.valueOf(row.decision());
                String truth = f.subjectGiven() ? f.subjectId() : d == Decision.REJECT ? row.subjectId() : null;
                boolean isGenuine = f.correct() ? d == Decision.PASS : truth != null && truth.equals(row.subjectId());
                log.setFeedback(eventId, f.correct(), f.subjectGiven() ? f.subjectId() : null, isGenuine);
                synchronized (this) {
                    int b = bin(row.similarity());
                    if (row.genuine() != null) (row.genuine() ? genuine : impostor)[b]--;
                    (isGenuine ? genuine : impostor)[b]++;
                }
                return row;
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    public synchronized Stats stats() {
        List<Bin> histogram = new ArrayList<>();
        long decisions = 0, feedback = 0;
        for (int b = 0; b < BINS; b++) {
            decisions += total[b];
            feedback += genuine[b] + impostor[b];
            if (total[b] > 0) {
                histogram.add(new Bin(edge(b), edge(b + 1), total[b], pass[b], reject[b], unknown[b], genuine[b], impostor[b]));
            }
        }
        int floor = bin(thresholds.rejectFloor());
        List<GridRow> grid = new ArrayList<>();
        for (int t = bin(0f); t <= bin(1f); t++) {
            long p = 0, r = 0, u = 0, fp = 0, fr = 0;
            for (int b = 0; b < BINS; b++) {
                if (b >= t) {
                    p += total[b];
                    fp += impostor[b];
                } else {
                    fr += genuine[b];
                    if (b >= floor) r += total[b]; else u += total[b];
                }
            }
            grid.add(new GridRow(edge(t), p, r, u, fp, fr));
        }
        // Floats as written in config (0.35, not 0.3499999940395355), so clients can find the accept row in the grid.
        return new Stats(decisions, feedback, dropped.get(), Double.parseDouble(Float.toString(thresholds.accept())),
                Double.parseDouble(Float.toString(thresholds.rejectFloor())), histogram, grid);
    }

    private synchronized void count(float similarity, Decision d, Boolean isGenuine) {
        int b = bin(similarity);
        total[b]++;
        (d == Decision.PASS ? pass : d == Decision.REJECT ? reject : unknown)[b]++;
        if (isGenuine != null) (isGenuine ? genuine : impostor)[b]++;
    }

    /**
     * The bin whose lower edge is the largest grid threshold the similarity reaches, compared as the server compares
     * ({@code similarity >= threshold} in float), so grid counts agree with live decisions exactly.
     */
    static int bin(float similarity) {
        int k = (int) Math.floor(similarity * 100.0);
        while (k > -100 && similarity < k / 100f) k--;
        while (k < 100 && similarity >= (k + 1) / 100f) k++;
        return Math.max(-100, Math.min(100, k)) + 100;
    }

    private static double edge(int b) {
        return (b - 100) / 100.0;
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
