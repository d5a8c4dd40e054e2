package dev.nightshift.migration;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An operator-launched data migration: prepare (guards and checks again, for restarts) → batches (one
 * transaction per key range, checkpointed) → verify (the remaining query returns 0). Every batch commits on
 * the target in its own transaction; the steps hold no ops-database transaction open meanwhile.
 */
@Configuration(proxyBeanMethods = false)
class DataMigrationJobConfiguration {

    static final String JOB_NAME = "data-migration";

    @Bean
    Job dataMigrationJob(JobRepository repository, MigrationTools tools, MigrationHistory history, BatchLoop batchLoop) {
        return new JobBuilder(JOB_NAME, repository)
                .listener(history)
                .start(step("prepare", repository, new PrepareTasklet(tools)))
                .next(new StepBuilder(JOB_NAME + ".batches", repository)
                        .tasklet(batchLoop, new ResourcelessTransactionManager())
                        .listener(batchLoop)
                        .build())
                .next(step("verify", repository, new RemainingCheck(tools)))
                .build();
    }

    /** The batch loop of one step execution: its connection, cursor and batch size live as long as the step. */
    @Bean
    @StepScope
    BatchLoop batchLoop(MigrationTools tools, @Value("#{stepExecution}") StepExecution step) {
        return new BatchLoop(tools, step);
    }

    private static Step step(String name, JobRepository repository, Tasklet tasklet) {
        return new StepBuilder(JOB_NAME + "." + name, repository).tasklet(tasklet, new ResourcelessTransactionManager()).build();
    }
}
