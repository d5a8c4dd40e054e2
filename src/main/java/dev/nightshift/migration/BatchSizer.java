package dev.nightshift.migration;

import java.time.Duration;

/**
 * Steers the batch size toward the target duration: a batch's locks are held for as long as it runs, so a
 * slow batch shrinks the next one at once, while a fast one grows the next at most by half (a sudden large
 * batch on a table that just got slower would hold its locks far too long).
 */
final class BatchSizer {

    private static final double MAX_GROWTH = 1.5;
    // batches aim a little below the target: a checkpoint or a busy neighbour can make one take twice as long as
    // its predecessor, and no batch should hold its locks for more than twice the target
    private static final double AIM = 0.8;

    private final int min;
    private final int max;
    private final long targetNanos;
    private int size;

    BatchSizer(int initial, int min, int max, Duration target) {
        this.min = Math.max(1, min);
        this.max = Math.max(this.min, max);
        this.targetNanos = Math.max(1, (long) (target.toNanos() * AIM));
        this.size = clamp(initial);
    }

    int size() {
        return size;
    }

    /** A batch of {@code keys} keys took {@code took}. */
    void observe(long keys, Duration took) {
        if (keys <= 0) {
            return;
        }
        double ideal = keys * (double) targetNanos / Math.max(1, took.toNanos());
        // a batch cut short by the end of the table says little about a full one
        double next = keys < size && ideal > size ? size : Math.min(ideal, size * MAX_GROWTH);
        size = clamp((int) Math.min(Integer.MAX_VALUE, Math.round(next)));
    }

    /** A batch of the current size timed out even after retries: halve it; false when it cannot get smaller. */
    boolean split() {
        if (size <= min) {
            return false;
        }
        size = clamp(size / 2);
        return true;
    }

    private int clamp(int value) {
        return Math.max(min, Math.min(max, value));
    }
}
