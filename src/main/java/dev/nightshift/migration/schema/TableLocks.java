package dev.nightshift.migration.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** What pg_locks and pg_class say about one backend's table locks and the tables' files. */
final class TableLocks {

    private static final String USER_SCHEMAS = " n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'";

    private TableLocks() {
    }

    /** The strongest granted lock of backend {@code pid} on each user table of the connection's database. */
    static Map<String, LockMode> held(Connection connection, int pid) throws SQLException {
        Map<String, LockMode> held = new TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT n.nspname || '.' || c.relname, l.mode FROM pg_locks l"
                + " JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE l.pid = ? AND l.locktype = 'relation' AND l.granted"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND c.relkind IN ('r', 'p', 'm') AND" + USER_SCHEMAS)) {
            s.setInt(1, pid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    held.merge(rs.getString(1), LockMode.of(rs.getString(2)), LockMode::stronger);
                }
            }
        }
        return held;
    }

    /** Each user table's relfilenode: a rewrite gives the table a new one. */
    static Map<String, Long> files(Connection connection) throws SQLException {
        Map<String, Long> files = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT n.nspname || '.' || c.relname, c.relfilenode FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') AND" + USER_SCHEMAS);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                files.put(rs.getString(1), rs.getLong(2));
            }
        }
        return files;
    }

    static int pid(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
