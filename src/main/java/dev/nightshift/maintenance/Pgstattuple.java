package dev.nightshift.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured truth beside the estimate, where the pgstattuple extension is installed: dead tuples and free
 * space as a scan of the table finds them. Scans are limited to tables up to a size, and never wait for a
 * table another session holds.
 */
final class Pgstattuple {

    private Pgstattuple() {
    }

    static boolean installed(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM pg_extension WHERE extname = 'pgstattuple'");
             ResultSet rs = statement.executeQuery()) {
            return rs.next();
        }
    }

    /** By table oid; tables that are locked, too big or failed to measure are missing. */
    static Map<Long, Measured> measure(Connection connection, List<TableHealth> tables, long maxBytes)
            throws SQLException {
        Map<Long, Measured> measured = new HashMap<>();
        String sql = "SELECT table_len, dead_tuple_percent, free_percent FROM pgstattuple(CAST(? AS oid)::regclass)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (TableHealth table : tables) {
                if (table.locked() || table.heapBytes() > maxBytes || table.heapBytes() == 0) {
                    continue;
                }
                statement.setLong(1, table.oid());
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    measured.put(table.oid(), new Measured(rs.getLong(1), rs.getDouble(2), rs.getDouble(3)));
                } catch (SQLException e) {
                    // dropped meanwhile, or locked after all (lock_timeout): no measurement for this table
                }
            }
        }
        return measured;
    }

    /** pgstattuple's view of a heap; its bloat is what is neither a live tuple nor its overhead. */
    record Measured(long tableBytes, double deadPercent, double freePercent) {
        double bloatPercent() {
            return deadPercent + freePercent;
        }
    }
}
