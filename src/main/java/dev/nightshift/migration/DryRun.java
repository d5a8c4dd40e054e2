package dev.nightshift.migration;

import dev.nightshift.config.MigrationProperties;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Executes the first batches of a migration exactly as a run would, each in a transaction that is rolled
 * back, and measures them: rows per batch, durations, the plan, and what the whole run would take.
 */
final class DryRun {

    private DryRun() {
    }

    static DryRunReport run(PreparedMigration prepared, MigrationProperties settings, Integer batchSize) throws SQLException {
        MigrationDefinition definition = prepared.definition();
        BatchStatement statement = new BatchStatement(definition.batch(), definition.key(),
                Parameters.resolve(definition, prepared.values()));
        try (Connection target = prepared.target().connect()) {
            target.setAutoCommit(true);
            MigrationTable table = MigrationTable.inspect(target, definition, statement.usesFromTo());
            KeysetCursor cursor = new KeysetCursor(definition.schema(), definition.table(), definition.key(), table.numericKey());
            BatchExecutor executor = new BatchExecutor(target, statement, settings,
                    statement.usesFromTo() ? cursor.beforeFirst(target) : null);
            BatchSizer sizer = new BatchSizer(batchSize != null ? batchSize : settings.batchSize(), settings.minBatchSize(),
                    settings.maxBatchSize(), settings.targetBatchDuration());
            List<DryRunReport.Batch> batches = new ArrayList<>();
            List<String> after = null;
            String plan = null;
            long keys = 0;
            long nanos = 0;
            for (int i = 0; i < settings.dryRunBatches(); i++) {
                Optional<KeyRange> next = cursor.next(target, after, sizer.size());
                if (next.isEmpty()) {
                    break;
                }
                KeyRange range = next.get();
                if (plan == null) {
                    plan = executor.explain(range);
                }
                BatchExecutor.Outcome outcome = executor.tryOut(range);
                batches.add(new DryRunReport.Batch(range.describe(), range.keys(), outcome.rows(), outcome.took()));
                keys += range.keys();
                nanos += outcome.took().toNanos();
                sizer.observe(range.keys(), outcome.took());
                after = range.to();
            }
            long total = Math.max(prepared.estimatedRows(), keys);
            Duration estimate = keys == 0 ? null : Duration.ofNanos((long) (nanos * (total / (double) keys)));
            return new DryRunReport(batches, plan == null ? "(the table is empty: no batch to explain)" : plan, total, estimate);
        }
    }
}
