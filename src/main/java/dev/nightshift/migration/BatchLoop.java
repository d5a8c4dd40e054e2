package dev.nightshift.migration;

import dev.nightshift.config.MigrationProperties;
import dev.nightshift.postgres.Identifiers;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The batches of one data-migration run: one batch per tasklet iteration, so every batch is also a step
 * commit and a stop request is honoured between batches. Before each batch the health gate may hold it
 * back; a batch that times out is retried, then split in half.
 */
class BatchLoop implements Tasklet, StepExecutionListener {

    static final String MAX_BATCH_MILLIS = "migration.maxBatchMillis";
    private static final Logger LOG = LoggerFactory.getLogger(BatchLoop.class);

    private final MigrationTools tools;
    private final StepExecution step;
    private final MigrationRun run;
    private Connection target;
    private MigrationProgress progress;
    private KeysetCursor cursor;
    private BatchExecutor executor;
    private BatchSizer sizer;
    private HealthGate gate;
    private ProgressReporter reporter;
    private RetryTemplate retry;
    private StopSignal stop;
    private List<String> lastKey;
    private long maxBatchMillis;
    private long lastEnd;

    BatchLoop(MigrationTools tools, StepExecution step) {
        this.tools = tools;
        this.step = step;
        this.run = new MigrationRun(step.getJobExecution());
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        if (target == null) {
            open();
        }
        long begin = System.nanoTime();
        gate.await(target, stop, run.describe());
        long gated = System.nanoTime();
        Optional<KeyRange> next = cursor.next(target, lastKey, sizer.size());
        long planned = System.nanoTime();
        if (next.isEmpty()) {
            progress.finish();
            reporter.finished();
            return RepeatStatus.FINISHED;
        }
        KeyRange range = next.get();
        BatchExecutor.Outcome outcome;
        try {
            outcome = retry.execute(() -> attempt(range));
        } catch (RetryException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (!BatchExecutor.timedOut(cause)) {
                throw cause instanceof Exception ex ? ex : e;
            }
            if (sizer.split()) {
                LOG.warn("{}: batch {} kept timing out ({}); splitting: next batches hold {} rows",
                        run.describe(), range.describe(), firstLine(cause), sizer.size());
                return RepeatStatus.CONTINUABLE;
            }
            String restart = "nightshift jobs restart " + step.getJobExecutionId();
            throw new IllegalStateException(run.describe() + ": the batch " + range.describe() + " keeps timing out even"
                    + " at " + sizer.size() + " row(s): " + firstLine(cause) + (BatchExecutor.lockTimedOut(cause)
                    ? ". Another session holds locks on these rows (see pg_locks); end it or wait, then: " + restart
                    : ". One batch of that size takes longer than statement_timeout (" + tools.settings().batchStatementTimeout().toMillis()
                    + " ms); raise nightshift.migration.statement-timeout or make the statement cheaper, then: " + restart));
        }
        lastKey = range.to();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: batch {}: {} rows in {} ms (health check {} ms, range {} ms, since the last batch {} ms)",
                    run.describe(), range.describe(), outcome.rows(), outcome.took().toMillis(), (gated - begin) / 1_000_000,
                    (planned - gated) / 1_000_000, lastEnd == 0 ? 0 : (begin - lastEnd) / 1_000_000);
        }
        lastEnd = System.nanoTime();
        contribution.incrementWriteCount(outcome.rows());
        maxBatchMillis = Math.max(maxBatchMillis, outcome.took().toMillis());
        step.getJobExecution().getExecutionContext().putLong(MAX_BATCH_MILLIS, maxBatchMillis);
        sizer.observe(range.keys(), outcome.took());
        reporter.batch(range.keys(), outcome.rows(), sizer.size());
        throttle();
        return RepeatStatus.CONTINUABLE;
    }

    private BatchExecutor.Outcome attempt(KeyRange range) throws SQLException {
        try {
            return executor.apply(range, progress);
        } catch (SQLException e) {
            if (BatchExecutor.timedOut(e)) {
                LOG.warn("{}: batch {} timed out ({})", run.describe(), range.describe(), firstLine(e));
            }
            throw e;
        }
    }

    private void open() throws SQLException, InterruptedException {
        MigrationProperties settings = tools.settings();
        MigrationDefinition definition = tools.files().load(run.migration());
        BatchStatement statement = new BatchStatement(definition.batch(), definition.key(),
                Parameters.resolve(definition, run.values()));
        target = batchConnection(tools.target(run.environment(), definition), settings);
        target.setAutoCommit(true);
        MigrationTable table = MigrationTable.inspect(target, definition, statement.usesFromTo());
        cursor = new KeysetCursor(definition.schema(), definition.table(), definition.key(), table.numericKey());
        executor = new BatchExecutor(target, statement, settings, statement.usesFromTo() ? cursor.beforeFirst(target) : null);
        progress = new MigrationProgress(tools.ops(), step.getJobExecution().getJobInstance().getInstanceId());
        MigrationProgress.State state = progress.open(run.migration(), run.environment(), definition.sha256());
        if (!definition.sha256().equals(state.fileSha256())) {
            throw new MigrationFileException(tools.settings().directory().resolve(run.migration() + ".yml")
                    + " changed since this run started; a run must finish with the statement it started with."
                    + " Put the original file back to finish it, or start a new run with another --run-key");
        }
        if (state.pendingXid() != null) {
            PendingBatch.settle(target, progress, state.pendingXid(), run.describe());
            state = progress.state();
        }
        lastKey = state.lastKey();
        if (lastKey != null) {
            LOG.info("{}: resuming after key ({}): {} batches, {} rows changed so far", run.describe(),
                    String.join(", ", lastKey), state.batches(), state.rowsAffected());
        }
        sizer = new BatchSizer(run.batchSize() != null ? run.batchSize() : settings.batchSize(), settings.minBatchSize(),
                settings.maxBatchSize(), settings.targetBatchDuration());
        gate = new HealthGate(settings.health(), Identifiers.quote(definition.schema(), definition.table()));
        reporter = new ProgressReporter(run.describe(), table.estimatedRows(), settings.progressInterval(),
                state.keysWalked(), state.rowsAffected(), ProgressReporter.onTerminal());
        retry = retryTemplate(settings);
        stop = tools.running().stopSignal(step.getJobExecutionId());
    }

    /**
     * Every query here is short or bounded by the batch's statement timeout, so a target that stops answering
     * (a cut or stalled network) fails the batch after the socket timeout on top of that, instead of hanging.
     */
    private static Connection batchConnection(PgTarget target, MigrationProperties settings)
            throws SQLException {
        Duration socketTimeout = target.connections().socketTimeout();
        return target.connect(socketTimeout.isZero() ? Duration.ZERO
                : socketTimeout.plus(settings.batchStatementTimeout()).plus(settings.lockTimeout()));
    }

    private RetryTemplate retryTemplate(MigrationProperties settings) {
        RetryTemplate template = new RetryTemplate(RetryPolicy.builder().maxRetries(settings.retries())
                .delay(Duration.ofMillis(200)).multiplier(2).maxDelay(Duration.ofSeconds(5))
                .predicate(BatchExecutor::lockTimedOut).build());
        template.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy policy, Retryable<?> retryable) {
                LOG.info("{}: retrying the batch", run.describe());
            }
        });
        return template;
    }

    private void throttle() throws JobInterruptedException, InterruptedException {
        if (stop.stopRequested()) {
            throw new JobInterruptedException(run.describe() + " stopped after a committed batch; resume it with:"
                    + " nightshift jobs restart " + step.getJobExecutionId());
        }
        Duration pause = run.pause(tools.settings().pause());
        if (!pause.isZero()) {
            Thread.sleep(pause.toMillis());
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (reporter != null) {
            reporter.close();
        }
        if (target != null) {
            try {
                target.close();
            } catch (SQLException e) {
                LOG.debug("closing the target connection", e);
            }
        }
        return stepExecution.getExitStatus();
    }
}
