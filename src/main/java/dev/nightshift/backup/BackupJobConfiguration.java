package dev.nightshift.backup;

import dev.nightshift.jobs.RunningJobs;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * The nightly backup of one database: preflight, dump, verify, publish, retention. One execution per
 * database, so each has its own lock, status and restart.
 */
@Configuration(proxyBeanMethods = false)
class BackupJobConfiguration {

    static final String JOB_NAME = "backup";

    @Bean
    Job backupJob(JobRepository repository, DataSource ops, PlatformTransactionManager transactions,
                  BackupTools tools, RunningJobs running, BackupCatalog catalog, BackupPruner pruner,
                  CatalogReconciler reconciler) {
        // the long steps touch no ops-database rows; holding an ops transaction open through a dump helps nobody
        PlatformTransactionManager none = new ResourcelessTransactionManager();
        return new JobBuilder(JOB_NAME, repository)
                .listener(BackupLock.of(ops, BackupRun.ENVIRONMENT))
                .start(step("preflight", repository, new BackupPreflight(tools, reconciler), transactions))
                .next(step("dump", repository, new DumpTasklet(tools, running), none))
                .next(step("verify", repository, new VerifyTasklet(tools, running), none))
                // autocommit: an unverified backup's catalog row must outlive the failure it reports
                .next(step("publish", repository, new PublishTasklet(tools, catalog), none))
                // autocommit: a backup's deleted mark must be committed before its artifact goes, so that a crash
                // leaves an artifact the next run removes, never a listed backup without its artifact
                .next(step("retention", repository, new RetentionTasklet(pruner), none))
                .build();
    }

    private static Step step(String name, JobRepository repository, org.springframework.batch.core.step.tasklet.Tasklet tasklet,
                             PlatformTransactionManager transactions) {
        return new StepBuilder(JOB_NAME + "." + name, repository).tasklet(tasklet, transactions).build();
    }
}
