package dev.nightshift.sync;

import dev.nightshift.sync.snapshot.PartSink;
import dev.nightshift.backup.BackupJobs;
import dev.nightshift.jobs.RunningJobs;
import dev.nightshift.sync.export.SnapshotSealTasklet;
import dev.nightshift.sync.export.SyncExtractTasklet;
import dev.nightshift.sync.export.SyncPrepareTasklet;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.nightshift.sync.SyncJobConfiguration.tasklet;

/**
 * The production side of the sync on its own: prepare (rules, salt, source) → extract (masked, leak-checked)
 * → seal. What it leaves is a masked snapshot that {@code sync import} loads anywhere.
 */
@Configuration(proxyBeanMethods = false)
class SyncExportJobConfiguration {

    static final String JOB_NAME = "sync-export";

    @Bean
    Job syncExportJob(JobRepository repository, SyncTools tools, BackupJobs backups, RunningJobs running) {
        return new JobBuilder(JOB_NAME, repository)
                .listener(new SnapshotExportLifecycle())
                .start(tasklet("sync.prepare", repository, new SyncPrepareTasklet(tools, backups)))
                .next(tasklet("sync.extract", repository, new SyncExtractTasklet(tools, backups, running, run -> PartSink.NONE)))
                .next(tasklet("sync.seal", repository, new SnapshotSealTasklet(tools)))
                .build();
    }
}
