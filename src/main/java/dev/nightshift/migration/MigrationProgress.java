package dev.nightshift.migration;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Where a data migration run stands, in the ops database, one row per job instance. A batch is recorded in
 * two steps around its commit on the target: first as pending with the target transaction's id, then, after
 * the commit, as done. A process killed between the two leaves the pending batch, and the restart asks the
 * target whether that transaction committed ({@code txid_status}) — so a batch is never applied twice and
 * never skipped, without writing bookkeeping into the migrated database.
 */
final class MigrationProgress {

    /** The committed state of one run. {@code lastKey} null: no batch done yet. */
    record State(List<String> lastKey, long rowsAffected, long keysWalked, long batches, boolean finished,
                 String pendingXid, String fileSha256) {
    }

    private final JdbcTemplate ops;
    private final long instance;

    MigrationProgress(DataSource ops, long instance) {
        this.ops = new JdbcTemplate(ops);
        this.instance = instance;
    }

    State open(String migration, String environment, String fileSha256) {
        ops.update("INSERT INTO nightshift.data_migration_progress (job_instance_id, migration, environment, file_sha256)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (job_instance_id) DO NOTHING", instance, migration, environment, fileSha256);
        return state();
    }

    State state() {
        return ops.queryForObject("SELECT last_key, rows_affected, keys_walked, batches, finished, pending_xid, file_sha256"
                        + " FROM nightshift.data_migration_progress WHERE job_instance_id = ?",
                (rs, n) -> new State(list(rs.getArray(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getBoolean(5), rs.getString(6), rs.getString(7)), instance);
    }

    void pending(String xid, KeyRange range, long rows) {
        ops.update("UPDATE nightshift.data_migration_progress SET pending_xid = ?, pending_to = ?::text[],"
                        + " pending_rows = ?, pending_keys = ?, updated_at = now() WHERE job_instance_id = ?",
                xid, literal(range.to()), rows, range.keys(), instance);
    }

    /** The pending batch committed on the target: it counts. */
    void confirm() {
        ops.update("""
                UPDATE nightshift.data_migration_progress
                   SET last_key = pending_to, rows_affected = rows_affected + pending_rows,
                       keys_walked = keys_walked + pending_keys, batches = batches + 1,
                       pending_xid = NULL, pending_to = NULL, pending_rows = NULL, pending_keys = NULL, updated_at = now()
                 WHERE job_instance_id = ? AND pending_xid IS NOT NULL""", instance);
    }

    /** The pending batch rolled back on the target: it never happened. */
    void discard() {
        ops.update("UPDATE nightshift.data_migration_progress SET pending_xid = NULL, pending_to = NULL,"
                + " pending_rows = NULL, pending_keys = NULL, updated_at = now() WHERE job_instance_id = ?", instance);
    }

    void finish() {
        ops.update("UPDATE nightshift.data_migration_progress SET finished = true, updated_at = now()"
                + " WHERE job_instance_id = ?", instance);
    }

    private static List<String> list(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    // an array literal for ?::text[]: every element quoted, so commas and braces in key values stay inside
    private static String literal(List<String> values) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ",").append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text.append('}').toString();
    }
}
