package dev.nightshift.sync.export;

import dev.nightshift.sync.snapshot.PartSink;
import dev.nightshift.backup.BackupJobs;
import dev.nightshift.backup.CatalogEntry;
import dev.nightshift.jobs.RunningJobs;
import dev.nightshift.postgres.ExternalCommandException;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.ServerVersion;
import dev.nightshift.postgres.StopSignal;
import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import dev.nightshift.sync.leak.LeakFindings;
import dev.nightshift.sync.leak.Originals;
import dev.nightshift.sync.leak.SpoolLeakCheck;
import dev.nightshift.sync.snapshot.SnapshotSeal;
import dev.nightshift.sync.snapshot.SpoolFiles;
import dev.nightshift.sync.snapshot.SpoolManifest;
import dev.nightshift.sync.snapshot.SpooledTable;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Puts the source's rows, masked, into the spool and checks every value written against the originals. A complete spool (its manifest written) is kept for the rest of
 * the run, so a restart loads the very rows the interrupted run was loading; an incomplete one is redone.
 */
public final class SyncExtractTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SyncExtractTasklet.class);

    private final SyncTools tools;
    private final BackupJobs backups;
    private final RunningJobs running;
    private final Function<SyncRun, PartSink> sinks;

    /** @param sinks what gets the spool while it is written: the one-process sync's load, or nothing (an export) */
    public SyncExtractTasklet(SyncTools tools, BackupJobs backups, RunningJobs running, Function<SyncRun, PartSink> sinks) {
        this.tools = tools;
        this.backups = backups;
        this.running = running;
        this.sinks = sinks;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        SyncRun run = new SyncRun(contribution.getStepExecution());
        if (SpoolManifest.read(run.spool()).isPresent()) {
            return RepeatStatus.FINISHED;
        }
        SpoolFiles spool = new SpoolFiles(run.spool(), run.exportsOnly());
        if (java.nio.file.Files.exists(run.spool())) {
            log.info("the extraction of an earlier attempt did not complete: starting over from a new source snapshot"
                    + (run.exportsOnly() ? "" : " and a new incoming copy"));
        }
        spool.recreate();
        PgTarget source = tools.target(run.from(), run.database());
        StopSignal stop = running.stopSignal(run.executionId());
        boolean backup = "backup".equals(run.sourceKind());
        SpoolManifest manifest;
        try (PartSink sink = sinks.apply(run);
             MaskingSpool masking = new MaskingSpool(spool, tools.rules(run.database()), tools.salt(), source)) {
            if (backup) {
                CatalogEntry entry = backups.find(run.backupId()).orElseThrow(() -> new IllegalStateException(
                        "backup #" + run.backupId() + " left the catalog (retention?); run the sync again to choose another source"));
                manifest = new BackupExtractor(backups, tools.settings().partSize().toBytes(),
                        tools.settings().copyComments()).extract(entry, tools.clientFor(source), masking, spool, stop);
            } else {
                // an export's reader is unknown: binary, and the import checks the server version it records
                boolean binary = run.exportsOnly() || sameMajorVersion(source, tools.target(run.to(), run.database()));
                manifest = new LiveExtractor(tools.settings().partSize().toBytes(), binary,
                        tools.settings().copyComments()).extract(source, tools.clientFor(source),
                        tools.rules(run.database()), masking, spool, tools.settings().threads(), stop, sink);
            }
            manifest = checkLeaks(manifest, masking, spool, run);
            sink.extracted();
            manifest.write(spool.root());
            sink.finish(stop);
        } catch (InterruptedException e) {
            throw new JobInterruptedException("sync stopped while reading the source; staging was not touched");
        } catch (ExternalCommandException e) {
            if (e.stopped()) {
                throw new JobInterruptedException("sync stopped while reading the source; staging was not touched");
            }
            throw e;
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * The leak check of every value written, now that every original is fingerprinted. A finding fails the
     * run here, on the production side: rows that hold an original are never loaded anywhere.
     */
    private SpoolManifest checkLeaks(SpoolManifest extracted, MaskingSpool masking, SpoolFiles spool, SyncRun run)
            throws Exception {
        Originals originals = masking.originals();
        if (!masking.checksWhileWriting()) {
            log.info("fingerprinted {} original values of the masked columns ({} distinct, {} MB) while extracting",
                    originals.values(), originals.verifier().size(), originals.verifier().bytes() >> 20);
        }
        // parts written after the originals were fingerprinted were checked as they were written
        List<SpooledTable> checked = masking.checksWhileWriting() ? extracted.tables()
                : SpoolLeakCheck.run(spool.root(), extracted.tables(), masking, originals, tools.settings().threads());
        int major;
        try (var c = tools.target(run.from(), run.database()).connect()) {
            major = ServerVersion.of(c).major();
        }
        SpoolManifest manifest = extracted.with(checked, new SpoolManifest.Checks(originals.values(),
                originals.verifier().size(), originals.verifier().bytes(), originals.millis()),
                new SpoolManifest.Origin(run.from(), run.database(), major, masking.filters(), masking.maskedColumns(),
                        SnapshotSeal.sha256(tools.rulesFile(run.database()))));
        List<String> failures = LeakFindings.failures(checked, tools.rulesFile(run.database()));
        if (!failures.isEmpty()) {
            Path report = LeakFindings.report(run, manifest, failures).write(tools.settings().reports());
            run.report(report);
            throw new IllegalStateException("verification failed: " + failures.get(0)
                    + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more, see the report)" : ""));
        }
        return manifest;
    }

    /** COPY binary format is only read back by a server of the same major version (a safe, simple rule). */
    private static boolean sameMajorVersion(PgTarget source, PgTarget target) throws java.sql.SQLException {
        try (var s = source.connect(); var t = target.withDatabase("postgres").connect()) {
            return ServerVersion.of(s).major() == ServerVersion.of(t).major();
        }
    }
}
