package dev.nightshift.sync.load;

import dev.nightshift.migration.seed.SeedReport;
import dev.nightshift.migration.seed.SeedRunner;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StallWatch;
import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;


/**
 * The target environment's seed data (essential, then its class: staging's QA accounts, say) applied to the
 * verified copy before the swap, so they exist the moment the copy goes live. After the verification on
 * purpose: it compares the copy with the source snapshot, and seeds are not in the source (PostgreSQL checks
 * the seeded rows' constraints as they go in). A restart applies only what is not recorded yet.
 */
public final class SyncSeedTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SyncSeedTasklet.class);

    private final SyncTools tools;
    private final SeedRunner seeds;

    public SyncSeedTasklet(SyncTools tools, SeedRunner seeds) {
        this.tools = tools;
        this.seeds = seeds;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        SyncRun run = new SyncRun(contribution.getStepExecution());
        PgTarget incoming = tools.incoming(tools.target(run.to(), run.database()));
        String seedClass = seeds.seedClassOf(run.to());
        SeedReport report = StallWatch.onNewConnection(incoming, "seeding " + incoming.describe(),
                c -> seeds.apply(c, run.database(), seedClass));
        log.info("{}: seeds of {} ({}): {}", incoming.describe(), run.to(), seedClass == null ? "essential only" : seedClass,
                report.summary());
        return RepeatStatus.FINISHED;
    }
}
