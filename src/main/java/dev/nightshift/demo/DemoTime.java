package dev.nightshift.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Timestamps in the demo data. They are placed relative to a fixed instant rather than "now" so that one
 * seed always gives byte-identical databases, which the backup round-trip tests compare.
 */
final class DemoTime {

    /** The moment the demo data was "dumped from production". */
    static final Instant ANCHOR = Instant.parse("2025-06-01T00:00:00Z");

    private DemoTime() {
    }

    /** A second-resolution instant in {@code [from, to]}; {@code from} itself when the range is empty. */
    static Instant between(Random random, Instant from, Instant to) {
        long seconds = Duration.between(from, to).getSeconds();
        return seconds <= 0 ? from : from.plusSeconds(random.nextLong(seconds + 1));
    }

    static Instant daysBeforeAnchor(int days) {
        return ANCHOR.minus(Duration.ofDays(days));
    }

    static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
