package dev.nightshift.sync.load;

import dev.nightshift.postgres.Failpoint;
import dev.nightshift.postgres.Identifiers;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StallWatch;
import dev.nightshift.postgres.StopSignal;
import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import dev.nightshift.sync.snapshot.SequenceValue;
import dev.nightshift.sync.snapshot.SpoolManifest;
import dev.nightshift.sync.snapshot.SpooledTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * After the rows: row filters of a backup source (a backup cannot be queried, so its filtered tables are
 * trimmed here, before any index exists), the post-data section (indexes, constraints — validated against
 * the masked rows — triggers) in one transaction, the sequences, the materialized views (refreshed from the
 * masked rows), ANALYZE.
 */
public final class SyncPostDataTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SyncPostDataTasklet.class);
    public static final String FILTERED = "sync.filtered.";

    private final SyncTools tools;

    public SyncPostDataTasklet(SyncTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        SyncRun run = new SyncRun(contribution.getStepExecution());
        LoadReporter.finished(run.executionId());
        PgTarget incoming = tools.incoming(tools.target(run.to(), run.database()));
        SpoolManifest manifest = SpoolManifest.read(run.spool()).orElseThrow();
        java.util.Set<String> analyzedByLoad;
        try (Connection c = incoming.connect()) {
            analyzedByLoad = LoadProgress.analyzed(c);
            if ("backup".equals(run.sourceKind())) {
                analyzedByLoad.removeAll(applyFilters(c, manifest, contribution));
            }
        }
        // the load's bookkeeping goes in the same transaction as the indexes: a copy with one has the other
        PgClient client = tools.clientFor(incoming);
        Failpoint.reach("sync.post-data.before");
        SqlScripts.run(client, incoming, LoadProgress.dropStatement(),
                run.spool().resolve(SpoolManifest.POST_DATA), StopSignal.NEVER);
        StallWatch.onNewConnection(incoming, "setting sequences and refreshing views in " + incoming.describe(), c -> {
            setSequences(c, manifest);
            try (Statement s = c.createStatement()) {
                for (String view : manifest.materializedViews()) {
                    // names quoted when they were read from the source's catalog
                    s.execute("REFRESH MATERIALIZED VIEW " + view);
                }
            }
            return null;
        });
        analyze(incoming, tools.settings().threads(), analyzedByLoad);
        log.info("{}: indexes, constraints and triggers created, {} sequences set, analyzed",
                incoming.describe(), manifest.sequences().size());
        return RepeatStatus.FINISHED;
    }

    private static final String ANALYZED_RELATIONS = """
            SELECT n.nspname, c.relname,
                   EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indexprs IS NOT NULL)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
            ORDER BY pg_relation_size(c.oid) DESC
            """;

    /**
     * What a database-wide ANALYZE does, table by table on {@code threads} connections, less the tables the
     * load analyzed when their rows were in ({@code analyzedByLoad}, schema.name) — unless they have an
     * expression index, whose statistics only an ANALYZE after the index exists gathers.
     */
    private static void analyze(PgTarget incoming, int threads, java.util.Set<String> analyzedByLoad) throws Exception {
        List<String> relations = new java.util.ArrayList<>();
        try (Connection c = incoming.connect(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(ANALYZED_RELATIONS)) {
            while (rs.next()) {
                if (rs.getBoolean(3) || !analyzedByLoad.contains(rs.getString(1) + "." + rs.getString(2))) {
                    relations.add(Identifiers.quote(rs.getString(1), rs.getString(2)));
                }
            }
        }
        java.util.concurrent.ConcurrentLinkedQueue<String> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(relations);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
            for (int i = 0; i < Math.max(1, threads); i++) {
                workers.add(pool.submit(() -> StallWatch.onNewConnection(incoming, "ANALYZE in " + incoming.describe(), c -> {
                    try (Statement s = c.createStatement()) {
                        for (String relation = queue.poll(); relation != null; relation = queue.poll()) {
                            s.execute("ANALYZE " + relation); // quoted when read from the catalog
                        }
                    }
                    return null;
                })));
            }
            for (var worker : workers) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Returns the tables (schema.name) it filtered. */
    private static java.util.Set<String> applyFilters(Connection c, SpoolManifest manifest,
                                                      StepContribution contribution) throws SQLException {
        java.util.Set<String> done = new java.util.HashSet<>();
        java.util.Set<String> filtered = new java.util.HashSet<>();
        for (SpooledTable table : manifest.tables()) {
            if (!done.add(table.qualifiedName())) {
                continue; // another part of a table already filtered
            }
            String filter = manifest.filter(table);
            if (filter == null) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                // the filter is SQL from the reviewed rules file; it cannot be a bound value
                int deleted = s.executeUpdate("DELETE FROM ONLY " + Identifiers.quote(table.schema(), table.name())
                        + " WHERE NOT coalesce((" + filter + "), false)");
                contribution.getStepExecution().getJobExecution().getExecutionContext()
                        .putLong(FILTERED + table.qualifiedName(), deleted);
                filtered.add(table.qualifiedName());
            }
        }
        return filtered;
    }

    private static void setSequences(Connection c, SpoolManifest manifest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_catalog.setval(?::regclass, ?, ?)")) {
            for (SequenceValue sequence : manifest.sequences()) {
                s.setString(1, sequence.name());
                s.setLong(2, sequence.value());
                s.setBoolean(3, sequence.called());
                s.execute();
            }
        }
    }
}
