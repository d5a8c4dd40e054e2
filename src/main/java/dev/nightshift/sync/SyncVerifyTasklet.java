package dev.nightshift.sync;

import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.SchemaDump;
import dev.nightshift.sync.masking.MaskingRules;
import dev.nightshift.sync.masking.RowMasker;
import dev.nightshift.sync.masking.TableRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Proves the copy before it may replace anything: row counts against the source snapshot (after row
 * filters), every constraint valid, the leak scans, and a schema identical to the source's. Writes the JSON
 * run report either way; any failure fails the job, and the lifecycle drops the copy.
 */
final class SyncVerifyTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SyncVerifyTasklet.class);
    private static final int MAX_EMAILS = 10_000;

    private final SyncTools tools;

    SyncVerifyTasklet(SyncTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        SyncRun run = new SyncRun(contribution.getStepExecution());
        PgTarget incoming = tools.incoming(tools.target(run.to(), run.database()));
        SpoolManifest manifest = SpoolManifest.read(run.spool()).orElseThrow();
        MaskingRules rules = tools.rules(run.database());
        byte[] salt = tools.salt();
        ExecutionContext jobContext = contribution.getStepExecution().getJobExecution().getExecutionContext();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<SyncReport.TableResult> tables = new ArrayList<>();
        String sourceSchema = SchemaDump.normalize(Files.readString(run.spool().resolve(SpoolManifest.SCHEMA)));
        try (Connection c = incoming.connect()) {
            Set<String> emails = new LinkedHashSet<>();
            for (SpooledTable table : manifest.tables()) {
                TableRules tableRules = rules.table(TableRoots.root(c, table)).orElseThrow();
                long expected = tableRules.skipData() ? 0
                        : table.rows() - jobContext.getLong(SyncPostDataTasklet.FILTERED + table.qualifiedName(), 0L);
                long actual = TableRoots.rows(c, table);
                RowMasker masker = RowMasker.forTable(table.columns(), tableRules, salt);
                LeakScan.Result leak = tableRules.skipData() || masker.passThrough()
                        ? new LeakScan.Result(0, 0, List.of())
                        : LeakScan.scan(c, table, run.spool().resolve(table.file()), tableRules, masker,
                        tools.settings().leakSampleRows(), emails, MAX_EMAILS);
                notes.addAll(leak.notes());
                if (actual != expected) {
                    failures.add(table.qualifiedName() + ": the copy has " + actual + " rows, the source " + expected);
                }
                if (leak.leaked() > 0) {
                    failures.add(table.qualifiedName() + ": " + leak.leaked() + " of " + leak.sampled()
                            + " sampled original values are still in the copy");
                }
                tables.add(new SyncReport.TableResult(table.qualifiedName(), expected, actual,
                        maskedColumns(table, tableRules), leak.sampled(), leak.leaked(), 0, actual == expected && leak.leaked() == 0));
            }
            for (int i = 0; i < manifest.tables().size(); i++) {
                SpooledTable table = manifest.tables().get(i);
                long found = EmailScan.count(c, table, emails);
                if (found > 0) {
                    failures.add(table.qualifiedName() + ": " + found + " values hold an original email address");
                    SyncReport.TableResult r = tables.get(i);
                    tables.set(i, new SyncReport.TableResult(r.table(), r.sourceRows(), r.copyRows(), r.maskedColumns(),
                            r.sampledValues(), r.leakedValues(), found, false));
                }
            }
            notes.add(emails.size() + " original email addresses looked for in every text and jsonb column");
            failures.addAll(ConstraintCheck.problems(c, sourceSchema));
        }
        SchemaDiff diff = SchemaDiff.of(sourceSchema, SchemaDump.of(tools.clientFor(incoming), incoming));
        if (!diff.empty()) {
            failures.add("the copy's schema differs from the source's (see schemaOnlyInSource/schemaOnlyInCopy in the report)");
        }
        SyncReport report = new SyncReport(run.from(), run.to(), run.database(), manifest.source(), run.executionId(),
                Instant.now(), failures.isEmpty(), tables, failures, notes, diff.onlyInSource(), diff.onlyInCopy());
        Path file = report.write(tools.settings().reports());
        run.report(file);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("verification failed: " + failures.get(0)
                    + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more, see the report)" : ""));
        }
        log.info("verified {}: {} tables, row counts, constraints, leak scan and schema all match; report: {}",
                incoming.describe(), tables.size(), file);
        return RepeatStatus.FINISHED;
    }

    private static List<String> maskedColumns(SpooledTable table, TableRules rules) {
        return table.columns().stream().filter(c -> rules.masked().containsKey(c)
                && !"keep".equals(rules.masked().get(c).strategy())).toList();
    }
}
