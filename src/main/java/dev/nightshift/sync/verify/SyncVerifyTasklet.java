package dev.nightshift.sync.verify;

import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StallWatch;
import dev.nightshift.postgres.SchemaDump;
import dev.nightshift.sync.SyncReport;
import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import dev.nightshift.sync.export.SchemaScripts;
import dev.nightshift.sync.leak.LeakFindings;
import dev.nightshift.sync.load.SyncPostDataTasklet;
import dev.nightshift.sync.snapshot.LeakTally;
import dev.nightshift.sync.snapshot.SpoolManifest;
import dev.nightshift.sync.snapshot.SpooledTable;
import dev.nightshift.sync.snapshot.TableRoots;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Proves the copy before it may replace anything: row counts against the source snapshot (after row
 * filters), every constraint valid, no leak found by the extraction's check of every value written (see
 * {@link SpoolLeakCheck}), and a schema identical to the source's. Writes the JSON
 * run report either way; any failure fails the job, and the lifecycle drops the copy.
 */
public final class SyncVerifyTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SyncVerifyTasklet.class);

    private final SyncTools tools;

    public SyncVerifyTasklet(SyncTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        SyncRun run = new SyncRun(contribution.getStepExecution());
        PgTarget incoming = tools.incoming(tools.target(run.to(), run.database()));
        SpoolManifest manifest = SpoolManifest.read(run.spool()).orElseThrow();
        ExecutionContext jobContext = contribution.getStepExecution().getJobExecution().getExecutionContext();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>(run.reviewWarnings());
        List<SyncReport.TableResult> tables = new ArrayList<>();
        String sourceSchema = withoutExtensionComments(
                SchemaDump.normalize(Files.readString(run.spool().resolve(SpoolManifest.SCHEMA))));
        // pg_dump of the copy's schema is mostly waiting on catalog queries: it runs while the rows are checked
        var copySchema = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return withoutExtensionComments(SchemaDump.of(tools.clientFor(incoming), incoming));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        // a big table may have been spooled (and loaded) in parts: the checks add its parts up
        Map<String, TableTally> byTable = new LinkedHashMap<>();
        try (Connection c = incoming.connect()) {
            for (int i = 0; i < manifest.tables().size(); i++) {
                SpooledTable part = manifest.tables().get(i);
                TableTally tally = byTable.computeIfAbsent(part.qualifiedName(),
                        n -> new TableTally(part, manifest.maskedColumns(part)));
                tally.sourceRows += part.rows(); // a skip-data table's rows were dropped on the way: 0
                // found by the extraction's leak check of every value; the copy is exactly the spooled rows
                tally.leaks.addAll(LeakTally.decode(part.leaks()));
                tally.checked += part.valuesChecked();
            }
            failures.addAll(ConstraintCheck.problems(c, sourceSchema));
        }
        List<Long> counts = countRows(incoming, byTable.values().stream().map(t -> t.table).toList());
        int index = 0;
        for (TableTally tally : byTable.values()) {
            String name = tally.table.qualifiedName();
            long expected = tally.sourceRows - jobContext.getLong(SyncPostDataTasklet.FILTERED + name, 0L);
            long actual = counts.get(index++);
            if (actual != expected) {
                failures.add(name + ": the copy has " + actual + " rows, the source " + expected);
            }
            List<String> leaks = LeakFindings.lines(tally.leaks);
            leaks.forEach(leak -> failures.add(LeakFindings.failure(leak, tools.rulesFile(run.database()))));
            tables.add(new SyncReport.TableResult(name, expected, actual, tally.maskedColumns,
                    tally.checked, leaks, actual == expected && leaks.isEmpty()));
        }
        if (manifest.checks() != null) {
            var o = manifest.checks();
            notes.add(o.fingerprinted() + " original values of the masked columns fingerprinted while extracting ("
                    + o.distinct() + " distinct, " + (o.bytes() >> 20) + " MB); every text, json and array value"
                    + " written to the spool was looked up before anything was loaded");
        }
        SchemaDiff diff;
        try {
            diff = SchemaDiff.of(sourceSchema, copySchema.join());
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        if (!diff.empty()) {
            failures.add("the copy's schema differs from the source's (see schemaOnlyInSource/schemaOnlyInCopy in the report)");
        }
        Path leftOut = run.spool().resolve(SchemaScripts.LEFT_OUT);
        if (Files.exists(leftOut) && !Files.readString(leftOut).isBlank()) {
            notes.add("left out of the copy's schema: " + Files.readString(leftOut));
        }
        SyncReport report = new SyncReport(run.from(), run.to(), run.database(), manifest.source(), run.executionId(),
                Instant.now(), failures.isEmpty(), tables, failures, notes, diff.onlyInSource(), diff.onlyInCopy());
        Path file = report.write(tools.settings().reports());
        run.report(file);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("verification failed: " + failures.get(0)
                    + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more, see the report)" : ""));
        }
        log.info("verified {}: {} tables, row counts, constraints, leak check of every value and schema all match; report: {}",
                incoming.describe(), tables.size(), file);
        return RepeatStatus.FINISHED;
    }

    /** What the checks found in the parts of one table. */
    private static final class TableTally {
        final SpooledTable table;
        final List<String> maskedColumns;
        final LeakTally leaks = new LeakTally();
        long sourceRows;
        long checked;

        TableTally(SpooledTable table, List<String> maskedColumns) {
            this.table = table;
            this.maskedColumns = maskedColumns;
        }
    }

    /** Exact row counts of the given tables of the copy, counted in parallel. */
    private List<Long> countRows(PgTarget incoming, List<SpooledTable> tables) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tools.settings().threads()));
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (SpooledTable table : tables) {
                counts.add(pool.submit(() -> StallWatch.onNewConnection(incoming,
                        "counting the rows of " + table.qualifiedName() + " in " + incoming.describe(),
                        c -> TableRoots.rows(c, table))));
            }
            List<Long> results = new ArrayList<>();
            for (Future<Long> count : counts) {
                try {
                    results.add(count.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** An extension's comment comes with CREATE EXTENSION, whether or not the sync copies comments. */
    private static String withoutExtensionComments(String schema) {
        return String.join("\n", schema.lines().filter(l -> !l.startsWith("COMMENT ON EXTENSION ")).toList());
    }
}
