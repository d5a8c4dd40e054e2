package dev.nightshift.sync;

import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.SchemaDump;
import dev.nightshift.sync.masking.MaskingRules;
import dev.nightshift.sync.masking.RowMasker;
import dev.nightshift.sync.masking.TableRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
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
 * filters), every constraint valid, the leak scan of sampled values, the load's count of rows holding an
 * original email address, and a schema identical to the source's. Writes the JSON
 * run report either way; any failure fails the job, and the lifecycle drops the copy.
 */
final class SyncVerifyTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SyncVerifyTasklet.class);

    private final SyncTools tools;
    private final JobRepository repository;

    SyncVerifyTasklet(SyncTools tools, JobRepository repository) {
        this.tools = tools;
        this.repository = repository;
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
        List<String> notes = new ArrayList<>(run.reviewWarnings());
        List<SyncReport.TableResult> tables = new ArrayList<>();
        String sourceSchema = SchemaDump.normalize(Files.readString(run.spool().resolve(SpoolManifest.SCHEMA)));
        // pg_dump of the copy's schema is mostly waiting on catalog queries: it runs while the rows are checked
        var copySchema = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return SchemaDump.of(tools.clientFor(incoming), incoming);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        // a big table may have been spooled (and loaded) in parts: the checks add its parts up
        var jobInstance = contribution.getStepExecution().getJobExecution().getJobInstance();
        Map<String, TableTally> byTable = new LinkedHashMap<>();
        try (Connection c = incoming.connect()) {
            for (int i = 0; i < manifest.tables().size(); i++) {
                SpooledTable part = manifest.tables().get(i);
                TableRules r = rules.table(TableRoots.root(c, part)).orElseThrow();
                TableTally tally = byTable.computeIfAbsent(part.qualifiedName(), n -> new TableTally(part, r));
                RowMasker masker = RowMasker.forTable(part.columns(), r, salt);
                if (!r.skipData() && !masker.passThrough()) {
                    tally.add(LeakScan.scan(c, part, run.spool(), r, masker,
                            tools.settings().leakSampleRows()));
                }
                tally.sourceRows += r.skipData() ? 0 : part.rows();
                // counted by the load as each row went in (EmailWatch); the copy is exactly those rows
                StepExecution load = repository.getLastStepExecution(jobInstance,
                        "sync.table:" + SyncJobConfiguration.partitionName(i));
                tally.emailRows += load == null ? 0 : load.getExecutionContext().getLong(TableCopy.EMAIL_ROWS, 0L);
            }
            failures.addAll(ConstraintCheck.problems(c, sourceSchema));
        }
        List<Long> counts = countRows(incoming, byTable.values().stream().map(t -> t.table).toList());
        int index = 0;
        for (TableTally tally : byTable.values()) {
            String name = tally.table.qualifiedName();
            long expected = tally.sourceRows - jobContext.getLong(SyncPostDataTasklet.FILTERED + name, 0L);
            long actual = counts.get(index++);
            notes.addAll(tally.notes);
            if (actual != expected) {
                failures.add(name + ": the copy has " + actual + " rows, the source " + expected);
            }
            if (tally.leaked > 0) {
                failures.add(name + ": " + tally.leaked + " of " + tally.sampled
                        + " sampled original values are still in the copy");
            }
            if (tally.emailRows > 0) {
                failures.add(name + ": " + tally.emailRows + " rows hold an original email address");
            }
            tables.add(new SyncReport.TableResult(name, expected, actual, maskedColumns(tally.table, tally.rules),
                    tally.sampled, tally.leaked, tally.emailRows,
                    actual == expected && tally.leaked == 0 && tally.emailRows == 0));
        }
        notes.add(OriginalEmails.read(run.spool()).size() + " original email addresses (from the masked columns of the"
                + " sampled rows) looked for in every row written to the copy");
        SchemaDiff diff;
        try {
            diff = SchemaDiff.of(sourceSchema, copySchema.join());
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
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

    /** What the checks found in the parts of one table. */
    private static final class TableTally {
        final SpooledTable table;
        final TableRules rules;
        final List<String> notes = new ArrayList<>();
        long sourceRows;
        long emailRows;
        int sampled;
        int leaked;

        TableTally(SpooledTable table, TableRules rules) {
            this.table = table;
            this.rules = rules;
        }

        void add(LeakScan.Result leak) {
            sampled += leak.sampled();
            leaked += leak.leaked();
            leak.notes().stream().filter(n -> !notes.contains(n)).forEach(notes::add);
        }
    }

    /** Exact row counts of the given tables of the copy, counted in parallel. */
    private List<Long> countRows(PgTarget incoming, List<SpooledTable> tables) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tools.settings().threads()));
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (SpooledTable table : tables) {
                counts.add(pool.submit(() -> {
                    try (Connection c = incoming.connect()) {
                        return TableRoots.rows(c, table);
                    }
                }));
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

    private static List<String> maskedColumns(SpooledTable table, TableRules rules) {
        return table.columns().stream().filter(c -> rules.masked().containsKey(c)
                && !"keep".equals(rules.masked().get(c).strategy())).toList();
    }
}
