package dev.vigil.stream;

import java.util.random.RandomGenerator;

/**
 * Waits between attempts to reopen a source: doubling from {@code min} up to {@code max}, each wait drawn from
 * [half, full] of its step so that many cameras behind one failed switch do not all retry in the same instant.
 */
record Backoff(long minMillis, long maxMillis) {

    /** The wait before attempt {@code failures + 1}, given {@code failures >= 1} failures in a row. */
    long delayMillis(int failures, RandomGenerator random) {
        long step = minMillis << Math.min(Math.max(failures - 1, 0), 30);
        if (step <= 0 || step > maxMillis) step = maxMillis;
        return step / 2 + random.nextLong(step / 2 + 1);
    }
}
