package dev.nightshift.migration;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The history of data and schema migrations in the ops database: who started each run, with which
 * parameters, when it started and ended, the rows it changed and how it ended. One row per execution, so a
 * restarted run shows as several rows (rows and batches are the run's totals so far).
 */
@Component
public class MigrationHistory implements JobExecutionListener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate ops;

    MigrationHistory(DataSource ops) {
        this.ops = new JdbcTemplate(ops);
    }

    /** One row of {@code migrate-data --history}. */
    public record Entry(long id, String migration, String environment, String kind, String startedBy, String parameters,
                        Instant startedAt, Instant endedAt, Long rows, Long maxBatchMillis, String outcome, String message) {
    }

    @Override
    public void beforeJob(JobExecution execution) {
        MigrationRun run = new MigrationRun(execution);
        ops.update("INSERT INTO nightshift.data_migration_history (migration, environment, logical_database, kind,"
                        + " started_by, parameters, started_at, outcome, job_execution_id) VALUES (?, ?, ?, 'data', ?, ?::jsonb, now(), 'RUNNING', ?)",
                run.migration(), run.environment(), run.database(), run.startedBy(), JSON.writeValueAsString(run.values()),
                execution.getId());
    }

    @Override
    public void afterJob(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        String message = failures.isEmpty() ? null : String.valueOf(failures.get(0).getMessage()).lines().findFirst().orElse(null);
        long maxBatch = execution.getExecutionContext().getLong(BatchLoop.MAX_BATCH_MILLIS, 0L);
        ops.update("""
                UPDATE nightshift.data_migration_history h
                   SET ended_at = now(), outcome = ?, message = ?, max_batch_millis = ?,
                       rows_affected = p.rows_affected, batches = p.batches
                  FROM (SELECT ?::bigint AS id) x LEFT JOIN nightshift.data_migration_progress p ON p.job_instance_id = ?
                 WHERE h.job_execution_id = x.id""",
                execution.getStatus().name(), message, maxBatch, execution.getId(), execution.getJobInstance().getInstanceId());
    }

    /** A dry run or a schema migration: recorded whole, once it has ended. */
    public void record(String migration, String environment, String database, String kind, String startedBy,
                       Map<String, String> parameters, Instant startedAt, Long rows, Long maxBatchMillis, String outcome,
                       String message) {
        ops.update("INSERT INTO nightshift.data_migration_history (migration, environment, logical_database, kind, started_by,"
                        + " parameters, started_at, ended_at, rows_affected, max_batch_millis, outcome, message)"
                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, now(), ?, ?, ?, ?)",
                migration, environment, database, kind, startedBy, JSON.writeValueAsString(parameters),
                Timestamp.from(startedAt), rows, maxBatchMillis, outcome, message);
    }

    public List<Entry> recent(String migration, int limit) {
        return ops.query("""
                SELECT id, migration, environment, kind, started_by, parameters::text, started_at, ended_at, rows_affected,
                       max_batch_millis, outcome, message
                  FROM nightshift.data_migration_history WHERE (?::text IS NULL OR migration = ?)
                 ORDER BY id DESC LIMIT ?""",
                (rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(),
                        (Long) rs.getObject(9), (Long) rs.getObject(10), rs.getString(11), rs.getString(12)),
                migration, migration, limit);
    }
}
