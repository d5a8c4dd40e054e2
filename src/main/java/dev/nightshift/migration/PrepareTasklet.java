package dev.nightshift.migration;

import dev.nightshift.config.ProtectedEnvironmentGuard;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.sql.Connection;

/**
 * Checks again, inside the job, what the command checked before starting it: a restart comes through
 * {@code jobs restart} and skips the command, so the protected-environment guard, the parameters and the
 * table must hold here too.
 */
final class PrepareTasklet implements Tasklet {

    private final MigrationTools tools;

    PrepareTasklet(MigrationTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        MigrationRun run = new MigrationRun(chunkContext.getStepContext().getStepExecution().getJobExecution());
        ProtectedEnvironmentGuard.checkWrite(tools.targets(), run.environment(), run.confirmed(),
                "run data migration '" + run.migration() + "'");
        MigrationDefinition definition = tools.files().load(run.migration());
        Parameters.resolve(definition, run.values());
        try (Connection target = tools.target(run.environment(), definition).connect()) {
            MigrationTable.inspect(target, definition, !definition.batch().contains(BatchStatement.KEY_RANGE));
        }
        return RepeatStatus.FINISHED;
    }
}
