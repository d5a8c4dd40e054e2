package dev.nightshift.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How data migrations ({@code migrate-data}) and schema migrations ({@code migrate-schema}) run.
 *
 * @param directory             where the data migrations are: {@code <directory>/<name>.yml}
 * @param schemaDirectory       where the Flyway schema migrations are: {@code <schema-directory>/<logical-db>/V001__x.sql}
 * @param schemaBaselineVersion adopting Flyway on databases that already have their schema: a database with tables
 *                              but no Flyway history is recorded as being at this version, and only later versions
 *                              run on it (empty: such a database is refused)
 * @param seedDirectory         where the environment seed data is: {@code <seed-directory>/<logical-db>/<class>/*.sql}
 * @param rehearsalBlockThreshold {@code migrate-schema rehearse} flags a statement that keeps writes to a table
 *                              blocked longer than this
 * @param batchSize             rows (keys) in the first batch; later batches adapt toward {@code target-batch-duration}
 * @param minBatchSize          the batch size never shrinks below this (a batch of this size that still times
 *                              out after the retries fails the run)
 * @param maxBatchSize          the batch size never grows beyond this
 * @param targetBatchDuration   how long one batch (its transaction, and so its row locks) should take
 * @param lockTimeout           {@code lock_timeout} of every batch: a batch waiting this long for a lock is retried
 * @param statementTimeout      {@code statement_timeout} of every batch; 0 means twice {@code target-batch-duration},
 *                              so that no batch holds its locks longer than that: a batch cancelled by it is split
 *                              in half at once (a lock wait is limited by {@code lock-timeout} and retried first)
 * @param retries               attempts after a timed-out batch before it is split in half
 * @param pause                 a pause after every batch, to spare a busy server (throttling); 0 = none
 * @param progressInterval      a progress line at least this often (and at every 5 %)
 * @param dryRunBatches         batches a {@code --dry-run} executes and rolls back
 * @param health                when the job pauses because the database is busy
 */
public record MigrationProperties(
        @DefaultValue("jobs/migrations") Path directory,
        @DefaultValue("jobs/schema") Path schemaDirectory,
        String schemaBaselineVersion,
        @DefaultValue("jobs/seeds") Path seedDirectory,
        @DefaultValue("1s") Duration rehearsalBlockThreshold,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("1") int minBatchSize,
        @DefaultValue("200000") int maxBatchSize,
        @DefaultValue("500ms") Duration targetBatchDuration,
        @DefaultValue("2s") Duration lockTimeout,
        @DefaultValue("0ms") Duration statementTimeout,
        @DefaultValue("3") int retries,
        @DefaultValue("0ms") Duration pause,
        @DefaultValue("10s") Duration progressInterval,
        @DefaultValue("3") int dryRunBatches,
        @DefaultValue Health health) {

    /** The statement_timeout a batch runs with: the configured one, or twice the target duration. */
    public Duration batchStatementTimeout() {
        return statementTimeout.isZero() ? targetBatchDuration.multipliedBy(2) : statementTimeout;
    }

    /**
     * Conditions that make a data migration wait before its next batch, with the reason in the log.
     *
     * @param maxReplicationLag   wait while a standby's replay lags further behind than this (0 = do not check)
     * @param maxTransactionAge   wait while another transaction on the server has been open longer than this
     *                            (it holds back vacuum; 0 = do not check)
     * @param waitForAutovacuum   wait while autovacuum works on the migrated table
     * @param checkInterval       how often the conditions are checked while waiting
     * @param maxWait             give up (the run fails and can be restarted) after waiting this long in one go
     */
    public record Health(
            @DefaultValue("30s") Duration maxReplicationLag,
            @DefaultValue("15m") Duration maxTransactionAge,
            @DefaultValue("true") boolean waitForAutovacuum,
            @DefaultValue("2s") Duration checkInterval,
            @DefaultValue("1h") Duration maxWait) {
    }
}
