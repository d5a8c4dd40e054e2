package dev.nightshift.sync.export;

import dev.nightshift.backup.BackupJobs;
import dev.nightshift.backup.CatalogEntry;
import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.SyncGuard;
import dev.nightshift.sync.SyncRulesCheck;
import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import dev.nightshift.sync.snapshot.Snapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything that can refuse the sync (or an export) before anything is written: the target's protection, the rules
 * against the live source schema and the content of the columns keep-all admits unnamed, the salt; then the choice of source, fixed for the run so that a
 * restart reads the same data.
 */
public final class SyncPrepareTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SyncPrepareTasklet.class);

    private final SyncTools tools;
    private final BackupJobs backups;

    public SyncPrepareTasklet(SyncTools tools, BackupJobs backups) {
        this.tools = tools;
        this.backups = backups;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        SyncRun run = new SyncRun(contribution.getStepExecution());
        if (!run.exportsOnly()) {
            SyncGuard.requireWritable(tools.targets(), run.to(), run.database());
        }
        PgTarget source = tools.target(run.from(), run.database());
        run.reviewWarnings(SyncRulesCheck.requireValid(tools, source, run.database()));
        tools.salt();
        SpoolSpace.require(source, tools.settings().workDirectory());

        Optional<CatalogEntry> backup = chooseBackup(run);
        long instance = contribution.getStepExecution().getJobExecution().getJobInstanceId();
        Path spool = run.exportsOnly() ? Snapshots.newDirectory(Path.of(run.snapshot()), run.from(), run.database(), instance)
                : tools.settings().workDirectory().resolve(run.to() + "-" + run.database() + "-" + instance);
        if (backup.isPresent()) {
            log.info("source: backup #{} of {}/{} taken {}", backup.get().id(), run.from(), run.database(),
                    backup.get().startedAt());
            run.chooseSource("backup", backup.get().id(), spool);
        } else {
            log.info("source: a live snapshot of {}", source.describe());
            run.chooseSource("live", null, spool);
        }
        return RepeatStatus.FINISHED;
    }

    private Optional<CatalogEntry> chooseBackup(SyncRun run) {
        Optional<CatalogEntry> newest = backups.latestVerified(run.from(), run.database());
        return switch (run.requestedSource()) {
            case "live" -> Optional.empty();
            case "backup" -> Optional.of(newest.orElseThrow(() -> new ConfigurationException(
                    "--source backup: there is no verified backup of " + run.from() + "/" + run.database()
                            + "; take one with nightshift backup --env " + run.from() + " --database "
                            + run.database() + ", or use --source live")));
            default -> newest.filter(b -> Duration.between(b.startedAt(), Instant.now())
                    .compareTo(tools.settings().maxBackupAge()) <= 0);
        };
    }
}
