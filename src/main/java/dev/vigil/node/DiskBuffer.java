package dev.vigil.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A node's outbox: one file per observation, named by a rising sequence number, so what was not delivered survives a
 * restart and goes out oldest-first. Bounded: beyond {@code maxItems} the oldest are deleted and counted. Thread-safe.
 */
final class DiskBuffer {
    /** One buffered item: its sequence number and bytes. */
    record Item(long seq, byte[] bytes) {
    }

    private static final String SUFFIX = ".obs";
    private final Path dir;
    private final int maxItems;
    private final TreeMap<Long, Path> files = new TreeMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private long nextSeq;

    DiskBuffer(Path dir, int maxItems) {
        this.dir = dir;
        this.maxItems = maxItems;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> list = Files.list(dir)) {
                list.forEach(p -> {
                    String name = p.getFileName().toString();
                    if (name.endsWith(SUFFIX)) files.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), p);
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the node's buffer " + dir, e);
        }
        nextSeq = files.isEmpty() ? 1 : files.lastKey() + 1;
    }

    /** Appends; drops the oldest beyond the bound. Written to a temporary name first, so a crash leaves no half item. */
    synchronized void add(byte[] bytes) {
        long seq = nextSeq++;
        Path file = dir.resolve(String.format("%020d%s", seq, SUFFIX));
        Path tmp = dir.resolve(seq + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the node's buffer " + dir, e);
        }
        files.put(seq, file);
        while (files.size() > maxItems) {
            delete(files.pollFirstEntry().getValue());
            dropped.incrementAndGet();
        }
        notifyAll();
    }

    /** Up to {@code n} of the oldest items, waiting up to {@code timeoutMs} for one when empty. */
    synchronized List<Item> oldest(int n, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (files.isEmpty()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) return List.of();
            wait(left);
        }
        List<Item> out = new ArrayList<>(n);
        for (var e : files.entrySet()) {
            if (out.size() == n) break;
            try {
                out.add(new Item(e.getKey(), Files.readAllBytes(e.getValue())));
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read the node's buffer " + dir, ex);
            }
        }
        return out;
    }

    /** Forgets delivered items (those dropped meanwhile are already gone). */
    synchronized void remove(List<Item> delivered) {
        for (Item i : delivered) {
            Path p = files.remove(i.seq());
            if (p != null) delete(p);
        }
    }

    synchronized int size() {
        return files.size();
    }

    long dropped() {
        return dropped.get();
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }
}
