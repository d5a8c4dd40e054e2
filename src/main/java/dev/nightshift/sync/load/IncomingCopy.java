package dev.nightshift.sync.load;

import dev.nightshift.sync.SyncRulesCheck;
import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import dev.nightshift.sync.snapshot.SpoolManifest;
import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.Failpoint;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;
import dev.nightshift.sync.masking.ValidationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Creates {@code <target>__incoming} afresh and loads the spool's pre-data section into it: tables, types,
 * functions, but no index, constraint or trigger yet. Then checks the rules cover the schema of the data
 * actually being copied (a backup may predate today's schema) before a single row is written.
 */
final class IncomingCopy {

    private static final Logger log = LoggerFactory.getLogger(IncomingCopy.class);

    private IncomingCopy() {
    }

    static void create(SyncTools tools, SyncRun run) throws IOException, SQLException, InterruptedException {
        Failpoint.reach("sync.schema.before");
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
    }
}
