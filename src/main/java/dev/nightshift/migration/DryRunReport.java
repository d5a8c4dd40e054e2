package dev.nightshift.migration;

import java.time.Duration;
import java.util.List;

/**
 * What {@code --dry-run} found: the first batches, executed and rolled back.
 *
 * @param plan              EXPLAIN of the first batch's statement
 * @param estimatedRows     rows of the table (the planner's estimate)
 * @param estimatedDuration the whole migration at the dry run's rate; null when no batch ran
 */
public record DryRunReport(List<Batch> batches, String plan, long estimatedRows, Duration estimatedDuration) {

    /** One rolled-back batch. */
    public record Batch(String range, long keys, long rowsAffected, Duration took) {
    }
}
