package dev.nightshift.backup;

import dev.nightshift.jobs.RunningJobs;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Restore of a cataloged backup into another environment's copy of the same logical database: load into
 * {@code __incoming}, then swap. It takes the target database's backup lock, so it never races a backup.
 */
@Configuration(proxyBeanMethods = false)
class RestoreJobConfiguration {

    static final String JOB_NAME = "restore";

    @Bean
    Job restoreJob(JobRepository repository, DataSource ops, BackupTools tools, BackupCatalog catalog, RunningJobs running) {
        var none = new ResourcelessTransactionManager();
        return new JobBuilder(JOB_NAME, repository)
                .listener(BackupLock.of(ops, RestoreRun.INTO))
                .listener(new RestoreLeftovers(tools))
                .start(new StepBuilder(JOB_NAME + ".load", repository)
                        .tasklet(new RestoreLoadTasklet(tools, catalog, running), none).build())
                .next(new StepBuilder(JOB_NAME + ".swap", repository)
                        .tasklet(new RestoreSwapTasklet(tools), none).build())
                .build();
    }
}
