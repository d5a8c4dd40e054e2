package dev.nightshift.sync;

import dev.nightshift.sync.load.PipelinedLoad;
import dev.nightshift.backup.BackupJobs;
import dev.nightshift.jobs.RunningJobs;
import org.springframework.batch.core.configuration.annotation.StepScope;
import dev.nightshift.migration.seed.SeedRunner;
import dev.nightshift.sync.export.SyncExtractTasklet;
import dev.nightshift.sync.export.SyncPrepareTasklet;
import dev.nightshift.sync.load.SyncPostDataTasklet;
import dev.nightshift.sync.load.SyncSeedTasklet;
import dev.nightshift.sync.load.TableCopy;
import dev.nightshift.sync.snapshot.CopyBlock;
import dev.nightshift.sync.snapshot.SpoolManifest;
import dev.nightshift.sync.swap.SyncSwapTasklet;
import dev.nightshift.sync.verify.SyncVerifyTasklet;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The staging sync: prepare (refusals, rules, source) → extract (masked spool, leak check; it creates
 * {@code __incoming} with the pre-data schema and, from a live source, loads each part as soon as it is
 * written and checked) → data (one chunk-oriented step per part, partitioned across threads: what the
 * extraction did not load) → post-data → verify → swap. The target database itself is only touched by the
 * last step.
 */
@Configuration(proxyBeanMethods = false)
class SyncJobConfiguration {

    static final String JOB_NAME = "sync";
    private static final int BLOCK_ROWS = 1000;

    @Bean
    Job syncJob(JobRepository repository, DataSource ops, SyncTools tools, BackupJobs backups, RunningJobs running,
                TableCopy tableCopy, SeedRunner seeds) {
        var job = new JobBuilder(JOB_NAME, repository)
                .listener(new SyncLifecycle(ops, tools, repository))
                .start(tasklet("sync.prepare", repository, new SyncPrepareTasklet(tools, backups)))
                .next(tasklet("sync.extract", repository, new SyncExtractTasklet(tools, backups, running,
                        run -> new PipelinedLoad(tools, run, tools.settings().chunkRows()))));
        loadSteps(repository, tools, tableCopy, seeds).forEach(job::next);
        return job.build();
    }

    /**
     * What the sync and an import do with a masked spool or snapshot once {@code __incoming} holds its pre-data
     * schema: data → post-data → verify → seed → swap.
     */
    static java.util.List<Step> loadSteps(JobRepository repository, SyncTools tools, TableCopy tableCopy, SeedRunner seeds) {
        return java.util.List.of(
                dataStep(repository, tools, tableCopy),
                tasklet("sync.post-data", repository, new SyncPostDataTasklet(tools)),
                tasklet("sync.verify", repository, new SyncVerifyTasklet(tools)),
                tasklet("sync.seed", repository, new SyncSeedTasklet(tools, seeds)),
                tasklet("sync.swap", repository, new SyncSwapTasklet(tools)));
    }

    /** The load: one partition per spooled part, biggest first, on {@code threads} threads. */
    static Step dataStep(JobRepository repository, SyncTools tools, TableCopy tableCopy) {
        return new StepBuilder("sync.data", repository)
                .partitioner("sync.table", tablePartitioner())
                .partitionHandler(new BiggestFirstPartitionHandler(tableStep(repository, tools, tableCopy,
                        new ResourcelessTransactionManager()), executor(tools.settings().threads()), tools.settings().threads()))
                .build();
    }

    /** One {@link TableCopy} per table partition: the step scope gives each worker step its own. */
    @Bean
    @StepScope
    TableCopy tableCopy(SyncTools tools, @Value("#{stepExecution}") StepExecution step) {
        return new TableCopy(tools, step, Math.min(BLOCK_ROWS, tools.settings().chunkRows()));
    }

    static Step tableStep(JobRepository repository, SyncTools tools, TableCopy copy,
                                  ResourcelessTransactionManager none) {
        int blocks = Math.max(1, tools.settings().chunkRows() / Math.min(BLOCK_ROWS, tools.settings().chunkRows()));
        return new StepBuilder("sync.table", repository)
                .<CopyBlock, CopyBlock>chunk(blocks)
                .transactionManager(none)
                .reader(copy)
                .writer(copy)
                .build();
    }

    /** A partition per spooled table, in the spool's order (largest first, for a live source). */
    static Partitioner tablePartitioner() {
        return gridSize -> {
            StepExecution manager = StepSynchronizationManager.getContext().getStepExecution();
            SyncRun run = new SyncRun(manager);
            SpoolManifest manifest;
            try {
                manifest = SpoolManifest.read(run.spool()).orElseThrow(() -> new IllegalStateException(
                        "the spool " + run.spool() + " has no manifest; run the sync again"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (int i = 0; i < manifest.tables().size(); i++) {
                ExecutionContext context = new ExecutionContext();
                context.putInt(TableCopy.TABLE, i);
                context.putString("sync.tableName", manifest.table(i).qualifiedName());
                partitions.put(partitionName(i), context);
            }
            return partitions;
        };
    }

    /** The partition of the i-th spooled table; its worker step is {@code sync.table:<name>}. */
    static String partitionName(int table) {
        return String.format("table%04d", table);
    }

    static SimpleAsyncTaskExecutor executor(int threads) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("sync-");
        executor.setConcurrencyLimit(Math.max(1, threads));
        return executor;
    }

    static Step tasklet(String name, JobRepository repository,
                                Tasklet tasklet) {
        return new StepBuilder(name, repository).tasklet(tasklet, new ResourcelessTransactionManager()).build();
    }
}
