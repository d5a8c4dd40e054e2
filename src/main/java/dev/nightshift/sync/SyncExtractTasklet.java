package dev.nightshift.sync;

import dev.nightshift.backup.BackupJobs;
import dev.nightshift.backup.CatalogEntry;
import dev.nightshift.jobs.RunningJobs;
import dev.nightshift.postgres.ExternalCommandException;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.ServerVersion;
import dev.nightshift.postgres.StopSignal;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Puts the source's rows into the spool. A complete spool (its manifest written) is kept for the rest of
 * the run, so a restart loads the very rows the interrupted run was loading; an incomplete one is redone.
 */
final class SyncExtractTasklet implements Tasklet {

    private final SyncTools tools;
    private final BackupJobs backups;
    private final RunningJobs running;

    SyncExtractTasklet(SyncTools tools, BackupJobs backups, RunningJobs running) {
        this.tools = tools;
        this.backups = backups;
        this.running = running;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        SyncRun run = new SyncRun(contribution.getStepExecution());
        if (SpoolManifest.read(run.spool()).isPresent()) {
            return RepeatStatus.FINISHED;
        }
        SpoolFiles spool = new SpoolFiles(run.spool());
        spool.recreate();
        PgTarget source = tools.target(run.from(), run.database());
        StopSignal stop = running.stopSignal(run.executionId());
        SpoolManifest manifest;
        try {
            if ("backup".equals(run.sourceKind())) {
                CatalogEntry backup = backups.find(run.backupId()).orElseThrow(() -> new IllegalStateException(
                        "backup #" + run.backupId() + " left the catalog (retention?); run the sync again to choose another source"));
                manifest = new BackupExtractor(backups, tools.settings().partSize().toBytes(),
                        tools.settings().copyComments()).extract(backup, tools.clientFor(source), spool, stop);
            } else {
                boolean binary = sameMajorVersion(source, tools.target(run.to(), run.database()));
                manifest = new LiveExtractor(tools.settings().partSize().toBytes(), binary,
                        tools.settings().leakSampleRows(), tools.settings().copyComments()).extract(source, tools.clientFor(source),
                        tools.rules(run.database()), spool, tools.settings().threads(), stop);
            }
        } catch (InterruptedException e) {
            throw new JobInterruptedException("sync stopped while reading the source; staging was not touched");
        } catch (ExternalCommandException e) {
            if (e.stopped()) {
                throw new JobInterruptedException("sync stopped while reading the source; staging was not touched");
            }
            throw e;
        }
        manifest.write(spool.root());
        return RepeatStatus.FINISHED;
    }

    /** COPY binary format is only read back by a server of the same major version (a safe, simple rule). */
    private static boolean sameMajorVersion(PgTarget source, PgTarget target) throws java.sql.SQLException {
        try (var s = source.connect(); var t = target.withDatabase("postgres").connect()) {
            return ServerVersion.of(s).major() == ServerVersion.of(t).major();
        }
    }
}
