package dev.vigil.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The central queue shares the classifier fairly between nodes and sheds a flood instead of queueing it. */
class NodeFairQueueTest {

    @Test
    void aNodeAtTwentyTimesAnothersRateIsShedWhileTheQuietOneWaitsUnderASecond() throws Exception {
        var queue = new FairQueue<Integer>(50);
        var running = new AtomicBoolean(true);
        List<Double> waitsA = new ArrayList<>(), waitsB = new ArrayList<>();
        // The classifier side: about 300 observations a second, less than A alone offers.
        Thread consumer = Thread.ofPlatform().start(() -> {
            try {
                while (running.get()) {
                    FairQueue.Taken<Integer> t = queue.take(100);
                    if (t == null) continue;
                    double waitMs = (System.nanoTime() - t.offeredNanos()) / 1e6;
                    (t.node().equals("A") ? waitsA : waitsB).add(waitMs);
                    Thread.sleep(3);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread nodeA = producer(queue, "A", 1000, running);
        Thread nodeB = producer(queue, "B", 50, running);
        Thread.sleep(4000);
        running.set(false);
        for (Thread t : List.of(nodeA, nodeB, consumer)) t.join();

        var a = queue.stats("A");
        var b = queue.stats("B");
        assertThat(a.offered()).as("A offered about 20x what B did").isGreaterThan(10 * b.offered());
        assertThat(a.shed()).as("A's excess is shed and counted").isPositive();
        assertThat(b.shed()).as("B loses nothing").isZero();
        assertThat(waitsB).hasSizeGreaterThan(50);
        assertThat(p95(waitsB)).as("B's p95 queue wait, ms").isLessThan(1000);
        assertThat(queue.shed()).isEqualTo(a.shed());
        System.out.printf("fair queue: A offered %d, shed %d, p95 wait %.0f ms; B offered %d, shed %d, p95 wait %.1f ms%n",
                a.offered(), a.shed(), p95(waitsA), b.offered(), b.shed(), p95(waitsB));
    }

    @Test
    void nodesTakeTurnsAndEachNodesItemsStayInOrder() throws Exception {
        var queue = new FairQueue<String>(10);
        for (int i = 0; i < 5; i++) queue.offer("A", "a" + i);
        queue.offer("B", "b0");
        queue.offer("B", "b1");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 7; i++) order.add(queue.take(100).item());
        assertThat(order).containsExactly("a0", "b0", "a1", "b1", "a2", "a3", "a4");
        assertThat(queue.take(10)).isNull();
    }

    private static Thread producer(FairQueue<Integer> queue, String node, int perSecond, AtomicBoolean running) {
        return Thread.ofPlatform().start(() -> {
            long interval = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            int i = 0;
            while (running.get()) {
                queue.offer(node, i++);
                next += interval;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }

    private static double p95(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.max(0, (int) Math.ceil(0.95 * sorted.size()) - 1));
    }
}
