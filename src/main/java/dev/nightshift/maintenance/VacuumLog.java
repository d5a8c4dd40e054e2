package dev.nightshift.maintenance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the VACUUM runner did, per job instance, in the ops database: the report reads it, and a restarted
 * run skips the tables it already handled.
 */
@Component
class VacuumLog {

    private final JdbcTemplate jdbc;

    VacuumLog(DataSource ops) {
        this.jdbc = new JdbcTemplate(ops);
    }

    void record(long jobInstanceId, int ordinal, VacuumResult r) {
        jdbc.update("INSERT INTO nightshift.maintenance_vacuum (job_instance_id, ordinal, schema_name, table_name,"
                        + " reason, command, outcome, message, dead_before, dead_after, bytes_before, bytes_after, millis)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (job_instance_id, schema_name, table_name) DO UPDATE SET outcome = EXCLUDED.outcome,"
                        + " message = EXCLUDED.message, dead_before = EXCLUDED.dead_before, dead_after = EXCLUDED.dead_after,"
                        + " bytes_before = EXCLUDED.bytes_before, bytes_after = EXCLUDED.bytes_after, millis = EXCLUDED.millis,"
                        + " finished_at = now()",
                jobInstanceId, ordinal, r.schema(), r.table(), r.reason(), r.command(), r.outcome().name(), r.message(),
                r.deadBefore(), r.deadAfter(), r.bytesBefore(), r.bytesAfter(), r.millis());
    }

    /** Tables this job instance has vacuumed or skipped: a restart does not do them again (it retries failures). */
    Set<String> handled(long jobInstanceId) {
        return new HashSet<>(jdbc.queryForList("SELECT schema_name || '.' || table_name FROM nightshift.maintenance_vacuum"
                + " WHERE job_instance_id = ? AND outcome IN ('VACUUMED', 'SKIPPED')", String.class, jobInstanceId));
    }

    List<VacuumResult> results(long jobInstanceId) {
        return jdbc.query("SELECT * FROM nightshift.maintenance_vacuum WHERE job_instance_id = ? ORDER BY ordinal",
                (rs, i) -> new VacuumResult(rs.getString("schema_name"), rs.getString("table_name"), rs.getString("reason"),
                        rs.getString("command"), VacuumResult.Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("message"), (Long) rs.getObject("dead_before"), (Long) rs.getObject("dead_after"),
                        (Long) rs.getObject("bytes_before"), (Long) rs.getObject("bytes_after"),
                        (Long) rs.getObject("millis")),
                jobInstanceId);
    }
}
