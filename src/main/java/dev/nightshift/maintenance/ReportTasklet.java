package dev.nightshift.maintenance;

import dev.nightshift.config.MaintenanceProperties;
import dev.nightshift.postgres.PgTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the database's health (after the VACUUMs, so the numbers are the fresh ones), compares it with the
 * history, writes the HTML, Markdown and JSON report and stores this run for the next one's trends.
 */
final class ReportTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(ReportTasklet.class);

    private final MaintenanceConnections connections;
    private final VacuumLog vacuumLog;
    private final MaintenanceHistory history;

    ReportTasklet(MaintenanceConnections connections, VacuumLog vacuumLog, MaintenanceHistory history) {
        this.connections = connections;
        this.vacuumLog = vacuumLog;
        this.history = history;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        MaintenanceRun run = new MaintenanceRun(contribution.getStepExecution());
        MaintenanceProperties settings = connections.properties().maintenance();
        PgTarget target = connections.target(run.environment(), run.database());
        DatabaseHealth health;
        try (Connection connection = connections.open(target)) {
            health = HealthCollector.collect(connection, settings);
        }
        Instant now = Instant.now();
        String env = run.environment();
        String logical = run.database();
        MaintenanceReport report = ReportAssembler.assemble(new ReportAssembler.Inputs(target, health,
                vacuumLog.results(run.instanceId()), run.reportOnly(), MaintenanceWindow.end(run.started(), settings),
                now, history.previous(env, logical, now), history.oldestWithinGrowthPeriod(env, logical, now)), settings);
        List<Long> sizes = new ArrayList<>(history.databaseSizes(env, logical, now.minus(MaintenanceHistory.GROWTH_PERIOD)));
        sizes.add(report.databaseBytes());
        Path base = run.reportDirectory() != null ? run.reportDirectory() : settings.reportDirectory();
        ReportWriter.Files3 files = ReportWriter.write(report, sizes, base.resolve(env).resolve(logical));
        history.save(env, logical, new MaintenanceHistory.DatabaseRun(target.database(), run.executionId(), now,
                report.databaseBytes(), files.html().toString(), report.alerts()), report.tables());
        LOG.info("maintenance report of {}: {} (also .md and .json)", target.describe(), files.html());
        var context = contribution.getStepExecution().getJobExecution().getExecutionContext();
        context.putString(MaintenanceJobs.REPORT_KEY, files.html().toString());
        // the job's context survives a restart, so a restarted run still fails on this run's alerts
        context.putString(AlertTasklet.ALERTS_KEY, String.join("\n", report.alerts()));
        return RepeatStatus.FINISHED;
    }
}
