package dev.nightshift.sync.load;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;
import dev.nightshift.sync.SyncRulesCheck;
import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import dev.nightshift.sync.masking.ValidationReport;
import dev.nightshift.sync.snapshot.SpoolManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Creates {@code <target>__incoming} afresh and loads the pre-data section into it: tables, types, functions,
 * but no index, constraint or trigger yet. Then checks the rules cover the schema of the data actually being
 * copied (a backup may predate today's schema) before a single row is written.
 */
public final class SyncSchemaTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SyncSchemaTasklet.class);

    private final SyncTools tools;

    public SyncSchemaTasklet(SyncTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        dev.nightshift.postgres.Failpoint.reach("sync.schema.before");
        SyncRun run = new SyncRun(contribution.getStepExecution());
        PgTarget target = tools.target(run.to(), run.database());
        PgTarget incoming = tools.incoming(target);
        DatabaseAdmin admin = new DatabaseAdmin(target);
        admin.dropIfExists(incoming.database());
        admin.create(incoming.database());
        SqlScripts.run(tools.clientFor(incoming), incoming, run.spool().resolve(SpoolManifest.PRE_DATA), StopSignal.NEVER);
        // an import has no rules: its snapshot was checked against them when it was exported
        ValidationReport report = run.imports() ? null : SyncRulesCheck.validate(tools.rules(run.database()), incoming);
        if (report != null && !report.uncovered().isEmpty()) {
            throw new ConfigurationException("the masking rules " + tools.rulesFile(run.database())
                    + " do not cover the schema of the source data (" + run.sourceKind() + "); no row was written:\n"
                    + report.describe());
        }
        try (var c = incoming.connect()) {
            LoadProgress.create(c);
        }
        log.info("created {} with the source's schema (pre-data)", incoming.describe());
        return RepeatStatus.FINISHED;
    }
}
