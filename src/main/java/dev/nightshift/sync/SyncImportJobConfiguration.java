package dev.nightshift.sync;

import dev.nightshift.sync.load.SyncSchemaTasklet;
import dev.nightshift.migration.seed.SeedRunner;
import dev.nightshift.sync.load.SnapshotImportTasklet;
import dev.nightshift.sync.load.TableCopy;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

import static dev.nightshift.sync.SyncJobConfiguration.tasklet;

/**
 * The target side of the sync on its own: a sealed masked snapshot → schema → data → post-data → verify →
 * seeds → swap, with the target's credentials only (no salt, no production access).
 */
@Configuration(proxyBeanMethods = false)
class SyncImportJobConfiguration {

    static final String JOB_NAME = "sync-import";

    @Bean
    Job syncImportJob(JobRepository repository, DataSource ops, SyncTools tools, TableCopy tableCopy, SeedRunner seeds) {
        var job = new JobBuilder(JOB_NAME, repository)
                .listener(new SyncLifecycle(ops, tools, repository))
                .start(tasklet("sync.import", repository, new SnapshotImportTasklet(tools)))
                .next(tasklet("sync.schema", repository, new SyncSchemaTasklet(tools)));
        SyncJobConfiguration.loadSteps(repository, tools, tableCopy, seeds).forEach(job::next);
        return job.build();
    }
}
