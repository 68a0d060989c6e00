package dev.vigil.node;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The central queue of node observations (seed 001: "ensures fairness and prevents overload"): one bounded queue per
 * node, drained round-robin, so a node that floods waits behind itself and not in front of a quiet one. A full
 * node's new items are shed and counted, never queued without bound. Thread-safe.
 */
public final class FairQueue<T> {
    /** An item taken from the queue, with the node it came from and when it was offered. */
    public record Taken<T>(String node, T item, long offeredNanos) {
    }

    private record Waiting<T>(T item, long offeredNanos) {
    }

    private static final class Lane<T> {
        final ArrayDeque<Waiting<T>> items = new ArrayDeque<>();
        long offered;
        long shed;
    }

    private final int perNode;
    private final Map<String, Lane<T>> lanes = new HashMap<>();
    /** Nodes with items waiting, in turn order; each at most once. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private boolean closed;

    public FairQueue(int perNode) {
        if (perNode < 1) throw new IllegalArgumentException("perNode must be at least 1");
        this.perNode = perNode;
    }

    /** Queues the item; false (and counted as shed) when this node already has {@code perNode} waiting. */
    public synchronized boolean offer(String node, T item) {
        Lane<T> lane = lanes.computeIfAbsent(node, n -> new Lane<>());
        lane.offered++;
        if (closed || lane.items.size() >= perNode) {
            lane.shed++;
            return false;
        }
        if (lane.items.isEmpty()) turns.addLast(node);
        lane.items.addLast(new Waiting<>(item, System.nanoTime()));
        notifyAll();
        return true;
    }

    /** The next node's oldest item, waiting up to {@code timeoutMs}; null on timeout or once closed and empty. */
    public synchronized Taken<T> take(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (turns.isEmpty()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (closed || left <= 0) return null;
            wait(left);
        }
        String node = turns.pollFirst();
        Lane<T> lane = lanes.get(node);
        Waiting<T> w = lane.items.pollFirst();
        if (!lane.items.isEmpty()) turns.addLast(node);
        return new Taken<>(node, w.item(), w.offeredNanos());
    }

    /** Counts of one node's lane. */
    public record LaneStats(long offered, long shed, int waiting) {
    }

    public synchronized LaneStats stats(String node) {
        Lane<T> lane = lanes.get(node);
        return lane == null ? new LaneStats(0, 0, 0) : new LaneStats(lane.offered, lane.shed, lane.items.size());
    }

    public synchronized long shed() {
        return lanes.values().stream().mapToLong(l -> l.shed).sum();
    }

    /** Refuses new items and wakes takers; what is queued can still be taken. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
