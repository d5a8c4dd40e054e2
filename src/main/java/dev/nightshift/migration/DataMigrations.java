package dev.nightshift.migration;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.ProtectedEnvironmentGuard;
import dev.nightshift.jobs.JobRefusedException;
import dev.nightshift.jobs.JobRunner;
import dev.nightshift.jobs.JobsAdmin;
import dev.nightshift.postgres.PgTarget;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The data-migration family's public entry point: list, check, dry-run and run migrations. Running the
 * same command again continues the same run (the run is identified by migration, environment, parameter
 * values and run key); a run whose process was killed is recovered first.
 */
@Component
public class DataMigrations {

    private final MigrationTools tools;
    private final JobRunner runner;
    private final JobRepository repository;
    private final JobOperator operator;
    private final JobsAdmin admin;
    private final MigrationHistory history;
    private final Job job;

    DataMigrations(MigrationTools tools, JobRunner runner, JobRepository repository, JobOperator operator, JobsAdmin admin,
                   MigrationHistory history, @Qualifier("dataMigrationJob") Job job) {
        this.tools = tools;
        this.runner = runner;
        this.repository = repository;
        this.operator = operator;
        this.admin = admin;
        this.history = history;
        this.job = job;
    }

    public List<MigrationDefinition> list() {
        return tools.files().all();
    }

    public MigrationHistory history() {
        return history;
    }

    /** Everything that can be checked before a batch runs: file, parameters, target, table and key. */
    public PreparedMigration prepare(String name, String environment, Map<String, String> given) {
        MigrationDefinition definition = tools.files().load(name);
        Map<String, String> values = Parameters.complete(definition, given);
        PgTarget target = tools.target(environment, definition);
        try (Connection connection = target.connect()) {
            BatchStatement statement = new BatchStatement(definition.batch(), definition.key(), Parameters.resolve(definition, values));
            MigrationTable table = MigrationTable.inspect(connection, definition, statement.usesFromTo());
            return new PreparedMigration(definition, environment, target, values, table.estimatedRows());
        } catch (SQLException e) {
            throw new ConfigurationException("cannot connect to " + target.describe() + ": " + e.getMessage()
                    + "; check nightshift.environments." + environment, e);
        }
    }

    public DryRunReport dryRun(PreparedMigration prepared, Integer batchSize, String startedBy) throws SQLException {
        Instant start = Instant.now();
        try {
            DryRunReport report = DryRun.run(prepared, tools.settings(), batchSize);
            long rows = report.batches().stream().mapToLong(DryRunReport.Batch::rowsAffected).sum();
            long max = report.batches().stream().mapToLong(b -> b.took().toMillis()).max().orElse(0);
            record(prepared, startedBy, start, rows, max, "DRY-RUN", null);
            return report;
        } catch (SQLException | RuntimeException e) {
            record(prepared, startedBy, start, null, null, "DRY-RUN FAILED", e.getMessage());
            throw e;
        }
    }

    private void record(PreparedMigration prepared, String startedBy, Instant start, Long rows, Long max, String outcome,
                        String message) {
        history.record(prepared.definition().name(), prepared.environment(), prepared.definition().database(), "data-dry-run",
                startedBy, prepared.values(), start, rows, max, outcome, message);
    }

    /** Starts the run, or continues it when the same run was stopped, failed or its process died. */
    public JobExecution run(PreparedMigration prepared, String runKey, Integer batchSize, Duration pause, boolean confirmed,
                            String startedBy) {
        ProtectedEnvironmentGuard.checkWrite(tools.targets(), prepared.environment(), confirmed,
                "run data migration '" + prepared.definition().name() + "'");
        JobParameters parameters = MigrationRun.parameters(prepared.definition(), prepared.environment(), prepared.values(),
                runKey, batchSize, pause, confirmed, startedBy);
        recoverDeadExecution(parameters);
        return runner.run(job, parameters);
    }

    private void recoverDeadExecution(JobParameters parameters) {
        JobInstance instance = repository.getJobInstance(job.getName(), parameters);
        if (instance == null) {
            return;
        }
        JobExecution last = repository.getLastJobExecution(instance);
        if (last == null || !last.isRunning()) {
            return;
        }
        admin.runner(last.getId()).ifPresent(holder -> {
            throw new JobRefusedException("this migration run is already running (execution " + last.getId() + ", " + holder
                    + "); watch it with nightshift jobs show " + last.getId() + " or stop it with nightshift jobs stop " + last.getId());
        });
        try {
            operator.recover(last);
        } catch (Exception e) {
            throw new IllegalStateException("cannot recover execution " + last.getId() + " of a killed run: " + e.getMessage(), e);
        }
    }
}
