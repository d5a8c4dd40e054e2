package dev.nightshift.sync.load;

import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** An import's first load step: the incoming copy with the snapshot's pre-data schema ({@link IncomingCopy}). */
public final class SyncSchemaTasklet implements Tasklet {

    private final SyncTools tools;

    public SyncSchemaTasklet(SyncTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        IncomingCopy.create(tools, new SyncRun(contribution.getStepExecution()));
        return RepeatStatus.FINISHED;
    }
}
