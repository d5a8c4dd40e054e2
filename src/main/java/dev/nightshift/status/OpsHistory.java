package dev.nightshift.status;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the ops database remembers of one database's jobs, read only: the latest run of a job (by its
 * environment and database parameters), the jobs still running, the last maintenance run's alerts.
 */
final class OpsHistory {

    record Run(long id, String status, String exitCode, Instant started, Instant ended) {
    }

    private static final String RUNS = """
            SELECT e.job_execution_id, e.status, e.exit_code, e.start_time, e.end_time, i.job_name
            FROM nightshift.batch_job_execution e
            JOIN nightshift.batch_job_instance i ON i.job_instance_id = e.job_instance_id
            WHERE (cardinality(?::text[]) = 0 OR i.job_name = ANY (?::text[]))
              AND EXISTS (SELECT 1 FROM nightshift.batch_job_execution_params p WHERE p.job_execution_id = e.job_execution_id
                          AND p.parameter_name = 'environment' AND p.parameter_value = ?)
              AND EXISTS (SELECT 1 FROM nightshift.batch_job_execution_params p WHERE p.job_execution_id = e.job_execution_id
                          AND p.parameter_name = 'database' AND p.parameter_value = ?)
            """;

    private final JdbcTemplate jdbc;

    OpsHistory(DataSource ops) {
        this.jdbc = new JdbcTemplate(ops);
    }

    Optional<Run> latest(List<String> jobNames, String environment, String database) {
        String[] names = jobNames.toArray(String[]::new);
        return jdbc.query(RUNS + " ORDER BY e.create_time DESC LIMIT 1", (rs, n) -> run(rs),
                names, names, environment, database).stream().findFirst();
    }

    List<String> running(String environment, String database) {
        return jdbc.query(RUNS + " AND e.status IN ('STARTING', 'STARTED', 'STOPPING') ORDER BY e.create_time",
                (rs, n) -> rs.getString("job_name") + " #" + rs.getLong(1), NONE, NONE, environment, database);
    }

    Optional<String> maintenanceAlerts(String environment, String database) {
        return jdbc.query("SELECT alerts FROM nightshift.maintenance_run WHERE environment = ? AND logical_database = ?"
                + " ORDER BY collected_at DESC LIMIT 1", (rs, n) -> rs.getString(1), environment, database).stream().findFirst();
    }

    private static final String[] NONE = {};

    private static Run run(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Timestamp started = rs.getTimestamp(4);
        java.sql.Timestamp ended = rs.getTimestamp(5);
        return new Run(rs.getLong(1), rs.getString(2), rs.getString(3), started == null ? null : started.toInstant(),
                ended == null ? null : ended.toInstant());
    }
}
