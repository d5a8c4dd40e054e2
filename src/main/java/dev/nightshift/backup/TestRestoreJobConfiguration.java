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
 * The scheduled test restore of one database (weekly by default): newest verified backup into a throwaway
 * database, timed and compared. It takes the database's backup lock, so retention cannot delete the
 * artifact while it is being read.
 */
@Configuration(proxyBeanMethods = false)
class TestRestoreJobConfiguration {

    static final String JOB_NAME = "backup-test-restore";

    @Bean
    Job backupTestRestoreJob(JobRepository repository, DataSource ops, BackupTools tools, BackupCatalog catalog,
                             TestRestoreHistory history, RunningJobs running) {
        return new JobBuilder(JOB_NAME, repository)
                .listener(BackupLock.of(ops, BackupRun.ENVIRONMENT))
                .start(new StepBuilder(JOB_NAME + ".restore", repository)
                        .tasklet(new TestRestoreTasklet(tools, catalog, history, running), new ResourcelessTransactionManager())
                        .build())
                .build();
    }
}
