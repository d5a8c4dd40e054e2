package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.VerifyMode;
import dev.nightshift.jobs.RunningJobs;
import dev.nightshift.postgres.PgTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.Locale;

/** Checks the partial artifact; the outcome is recorded either way and judged by the publish step. */
final class VerifyTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(VerifyTasklet.class);

    private final BackupTools tools;
    private final RunningJobs running;
    private final BackupVerifier verifier = new BackupVerifier();

    VerifyTasklet(BackupTools tools, RunningJobs running) {
        this.tools = tools;
        this.running = running;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        BackupRun run = new BackupRun(contribution.getStepExecution());
        PgTarget target = tools.target(run.environment(), run.database());
        VerifyMode mode = VerifyMode.valueOf(run.verifyMode().toUpperCase(Locale.ROOT));
        PgTarget scratchServer = mode == VerifyMode.RESTORE ? tools.scratchServer(target, run.confirmed()) : target;
        StoredArtifact staged = new StoredArtifact(tools.storage(), run.artifact(), true,
                tools.properties().backup().compression(), run.encrypted() ? tools.cipherForNewBackups() : null,
                run.environment(), run.database());
        Verification verification = verifier.verify(mode, staged, tools.clientFor(target), scratchServer, run.dump(),
                run.executionId(), running.stopSignal(run.executionId()));
        run.verification(verification);
        if (verification.passed()) {
            log.info("verified {}: {}", target.describe(), verification.description());
        } else {
            log.error("verification of {} failed: {}", target.describe(), verification.description());
        }
        return RepeatStatus.FINISHED;
    }
}
