package dev.nightshift.maintenance;

import dev.nightshift.config.MaintenanceProperties;
import dev.nightshift.config.ProtectedEnvironmentGuard;
import dev.nightshift.jobs.RunningJobs;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.jobs.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Picks the tables that need a VACUUM and runs them within the maintenance window; nothing with --report-only. */
final class VacuumTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(VacuumTasklet.class);

    private final MaintenanceConnections connections;
    private final VacuumLog log;
    private final RunningJobs running;

    VacuumTasklet(MaintenanceConnections connections, VacuumLog log, RunningJobs running) {
        this.connections = connections;
        this.log = log;
        this.running = running;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        MaintenanceRun run = new MaintenanceRun(contribution.getStepExecution());
        if (run.reportOnly()) {
            return RepeatStatus.FINISHED;
        }
        PgTarget target = connections.target(run.environment(), run.database());
        connections.targets().dataClasses().checkWrite(run.environment(), "vacuum " + target.describe());
        if (!run.vacuumFull().isEmpty()) {
            // checked by the command too; a restarted run passes through here again
            ProtectedEnvironmentGuard.checkWrite(connections.targets(), run.environment(), run.confirmed(),
                    "VACUUM FULL (it locks the table for its whole run) in " + target.describe());
        }
        MaintenanceProperties settings = connections.properties().maintenance();
        Set<String> full = VacuumFullTables.resolve(target, run.vacuumFull());
        Instant windowEnd = MaintenanceWindow.end(run.started(), settings);
        try (Connection connection = connections.open(target)) {
            List<VacuumCandidate> candidates = VacuumCandidates.select(new StatisticsReader(connection).tables(), settings, full);
            LOG.info("{}: {} table(s) to vacuum; the window ends at {}", target.describe(), candidates.size(), windowEnd);
            try (Progress progress = Progress.count(target.describe() + " VACUUM", candidates.size(), "tables",
                    Progress.interval())) {
                new VacuumRunner(connection, target, log, run.instanceId(), windowEnd)
                        .run(candidates, running.stopSignal(run.executionId()), progress);
            }
        }
        return RepeatStatus.FINISHED;
    }
}
