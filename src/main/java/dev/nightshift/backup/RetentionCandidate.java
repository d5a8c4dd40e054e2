package dev.nightshift.backup;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One catalog entry of one environment and database, reduced to what retention looks at.
 *
 * @param verified whether the artifact passed verification; only verified backups count for the rules
 */
record RetentionCandidate(long id, Instant startedAt, boolean verified) {

    /** Ties on the start time go to the higher id, the later catalog entry, so every plan is reproducible. */
    static final Comparator<RetentionCandidate> NEWEST_FIRST = Comparator.comparing(RetentionCandidate::startedAt)
            .thenComparingLong(RetentionCandidate::id)
            .reversed();

    RetentionCandidate {
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
