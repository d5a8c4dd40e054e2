package dev.nightshift.backup;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test restore results in the ops database (nightshift.backup_test_restore), shown by {@code nightshift backups}. */
@Component
public class TestRestoreHistory {

    private static final RowMapper<TestRestoreResult> RESULT = (rs, n) -> new TestRestoreResult(
            rs.getLong("backup_id"), rs.getString("environment"), rs.getString("logical_database"),
            rs.getString("scratch_environment"), rs.getTimestamp("started_at").toInstant(),
            rs.getTimestamp("finished_at").toInstant(), rs.getLong("duration_ms"), rs.getBoolean("succeeded"),
            (Integer) rs.getObject("table_count"), (Long) rs.getObject("row_count"), rs.getString("detail"));

    private final JdbcTemplate jdbc;

    TestRestoreHistory(DataSource ops) {
        this.jdbc = new JdbcTemplate(ops);
    }

    void record(TestRestoreResult r, long jobExecutionId) {
        jdbc.update("INSERT INTO nightshift.backup_test_restore (backup_id, environment, logical_database,"
                        + " scratch_environment, started_at, finished_at, duration_ms, succeeded, table_count, row_count,"
                        + " detail, job_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.backupId(), r.environment(), r.logicalDatabase(), r.scratchEnvironment(), Timestamp.from(r.startedAt()),
                Timestamp.from(r.finishedAt()), r.durationMs(), r.succeeded(), r.tableCount(), r.rowCount(), r.detail(),
                jobExecutionId);
    }

    /** The newest test restore of each database of {@code environment} ({@code logical} null: every database). */
    public List<TestRestoreResult> latest(String environment, String logical) {
        return jdbc.query("SELECT DISTINCT ON (logical_database) * FROM nightshift.backup_test_restore"
                        + " WHERE environment = ? AND (?::text IS NULL OR logical_database = ?)"
                        + " ORDER BY logical_database, started_at DESC, id DESC",
                RESULT, environment, logical, logical);
    }

    /** The newest test restore of each backup of {@code environment} ({@code logical} null: every database), by backup id. */
    public Map<Long, TestRestoreResult> latestPerBackup(String environment, String logical) {
        Map<Long, TestRestoreResult> byBackup = new HashMap<>();
        jdbc.query("SELECT DISTINCT ON (backup_id) * FROM nightshift.backup_test_restore"
                        + " WHERE environment = ? AND (?::text IS NULL OR logical_database = ?)"
                        + " ORDER BY backup_id, started_at DESC, id DESC", RESULT, environment, logical, logical)
                .forEach(r -> byBackup.put(r.backupId(), r));
        return byBackup;
    }

    public Optional<TestRestoreResult> latest(String environment, String logical, long jobExecutionId) {
        return jdbc.query("SELECT * FROM nightshift.backup_test_restore WHERE environment = ? AND logical_database = ?"
                + " AND job_execution_id = ? ORDER BY id DESC LIMIT 1", RESULT, environment, logical, jobExecutionId)
                .stream().findFirst();
    }
}
