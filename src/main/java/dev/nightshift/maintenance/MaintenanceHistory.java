package dev.nightshift.maintenance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every maintenance run's numbers in the ops database, and the two baselines the trends compare against: the
 * previous run, and the oldest run of the last 30 days.
 */
@Component
class MaintenanceHistory {

    static final Duration GROWTH_PERIOD = Duration.ofDays(30);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    MaintenanceHistory(DataSource ops, PlatformTransactionManager transactionManager) {
        this.jdbc = new JdbcTemplate(ops);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A past run: when, the database's size, and per table (schema.table) its total size. */
    record Baseline(Instant collectedAt, long databaseBytes, Map<String, Long> tableBytes) {
    }

    Optional<Baseline> previous(String environment, String logical, Instant before) {
        return baseline("collected_at < ? ORDER BY collected_at DESC", environment, logical, before);
    }

    Optional<Baseline> oldestWithinGrowthPeriod(String environment, String logical, Instant now) {
        return baseline("collected_at >= ? ORDER BY collected_at ASC", environment, logical, now.minus(GROWTH_PERIOD));
    }

    private Optional<Baseline> baseline(String condition, String environment, String logical, Instant bound) {
        List<Map<String, Object>> runs = jdbc.queryForList("SELECT id, collected_at, database_bytes FROM nightshift.maintenance_run"
                + " WHERE environment = ? AND logical_database = ? AND " + condition + " LIMIT 1",
                environment, logical, Timestamp.from(bound));
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> run = runs.get(0);
        Map<String, Long> tables = new HashMap<>();
        jdbc.query("SELECT schema_name || '.' || table_name, total_bytes FROM nightshift.maintenance_table_stats WHERE run_id = ?",
                rs -> {
                    tables.put(rs.getString(1), rs.getLong(2));
                }, run.get("id"));
        return Optional.of(new Baseline(((Timestamp) run.get("collected_at")).toInstant(),
                ((Number) run.get("database_bytes")).longValue(), tables));
    }

    /** Stores one run and its tables in one transaction, so a half-stored run never becomes a baseline. */
    void save(String environment, String logical, DatabaseRun run, List<TableReport> tables) {
        transactions.executeWithoutResult(status -> {
            Long id = jdbc.queryForObject("INSERT INTO nightshift.maintenance_run (environment, logical_database,"
                            + " database_name, job_execution_id, collected_at, database_bytes, report_html, alerts)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class,
                    environment, logical, run.databaseName(), run.executionId(), Timestamp.from(run.collectedAt()),
                    run.databaseBytes(), run.reportHtml(), String.join("\n", run.alerts()));
            jdbc.batchUpdate("INSERT INTO nightshift.maintenance_table_stats (run_id, schema_name, table_name,"
                            + " total_bytes, dead_tuples, bloat_bytes) VALUES (?, ?, ?, ?, ?, ?)",
                    tables.stream().map(t -> new Object[] {id, t.schema(), t.name(), t.totalBytes(), t.deadTuples(),
                            t.bloatBytes()}).toList());
        });
    }

    /** The database's size at each stored run since {@code since}, oldest first. */
    List<Long> databaseSizes(String environment, String logical, Instant since) {
        return jdbc.queryForList("SELECT database_bytes FROM nightshift.maintenance_run WHERE environment = ?"
                + " AND logical_database = ? AND collected_at >= ? ORDER BY collected_at", Long.class,
                environment, logical, Timestamp.from(since));
    }

    /** What one run stores besides its tables. */
    record DatabaseRun(String databaseName, long executionId, Instant collectedAt, long databaseBytes,
                       String reportHtml, List<String> alerts) {
    }
}
