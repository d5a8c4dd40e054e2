package dev.nightshift.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * After the last batch, the migration's {@code remaining} query must return 0: the integrity check the seed
 * guides ask for. Rows that changed behind the walk (written by the application meanwhile) make it fail
 * rather than pass for done.
 */
final class RemainingCheck implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(RemainingCheck.class);

    private final MigrationTools tools;

    RemainingCheck(MigrationTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        MigrationRun run = new MigrationRun(chunkContext.getStepContext().getStepExecution().getJobExecution());
        MigrationDefinition definition = tools.files().load(run.migration());
        if (definition.remaining() == null) {
            LOG.info("{}: every batch applied (the migration has no remaining query to check)", run.describe());
            return RepeatStatus.FINISHED;
        }
        long remaining;
        try (Connection target = tools.target(run.environment(), definition).connect();
             PreparedStatement query = NamedSql.prepare(target, definition.remaining(), Parameters.resolve(definition, run.values()));
             ResultSet rs = query.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException(run.describe() + ": the remaining query returned no row; it must return one count");
            }
            remaining = rs.getLong(1);
        }
        if (remaining != 0) {
            throw new IllegalStateException(run.describe() + ": every batch was applied but the remaining query still counts "
                    + remaining + " row(s); rows written behind the walk need another pass: run the command again with a new --run-key");
        }
        LOG.info("{}: complete; the remaining query returns 0", run.describe());
        return RepeatStatus.FINISHED;
    }
}
