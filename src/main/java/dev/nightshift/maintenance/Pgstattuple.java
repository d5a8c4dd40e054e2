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
    static Map<Long, Measured> measure(Connection connection, List<TableHealth> tables, Map<Long, RowWidths> widths,
                                       long maxBytes) throws SQLException {
        Map<Long, Measured> measured = new HashMap<>();
        String sql = "SELECT table_len, tuple_count, tuple_len, dead_tuple_count, dead_tuple_len, free_space"
                + " FROM pgstattuple(CAST(? AS oid)::regclass)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (TableHealth table : tables) {
                if (table.locked() || table.heapBytes() > maxBytes || table.heapBytes() == 0) {
                    continue;
                }
                statement.setLong(1, table.oid());
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    RowWidths w = widths.get(table.oid());
                    measured.put(table.oid(), new Measured(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), w == null ? 100 : w.fillfactor()));
                } catch (SQLException e) {
                    // dropped meanwhile, or locked after all (lock_timeout): no measurement for this table
                }
            }
        }
        return measured;
    }

    /**
     * pgstattuple's view of a heap. Its bloat is measured the way the estimate counts it: free space plus dead
     * tuples with their share of the line pointers and alignment padding pgstattuple counts for no one, less
     * the space the fillfactor keeps free on purpose.
     */
    record Measured(long tableBytes, long tupleCount, long tupleBytes, long deadCount, long deadBytes, long freeBytes,
                    int fillfactor) {

        double deadPercent() {
            return tableBytes == 0 ? 0 : 100.0 * deadBytes / tableBytes;
        }

        double freePercent() {
            return tableBytes == 0 ? 0 : 100.0 * freeBytes / tableBytes;
        }

        double bloatPercent() {
            if (tableBytes == 0) {
                return 0;
            }
            long overhead = Math.max(0, tableBytes - tupleBytes - deadBytes - freeBytes);
            long tuples = tupleCount + deadCount;
            double deadOverhead = tuples == 0 ? 0 : (double) overhead * deadCount / tuples;
            double reserved = tableBytes * (100 - fillfactor) / 100.0;
            return 100.0 * Math.max(0, freeBytes + deadBytes + deadOverhead - reserved) / tableBytes;
        }
    }
}
