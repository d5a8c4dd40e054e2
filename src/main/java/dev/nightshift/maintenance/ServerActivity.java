package dev.nightshift.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server-wide part of the report: connections against max_connections, long-running queries, blocked
 * and blocking sessions, database sizes, and the slowest statements when pg_stat_statements is available.
 */
record ServerActivity(int connections, int maxConnections, List<Session> longRunning, List<Session> blocked,
                      List<DatabaseSize> databaseSizes, SlowQueries slowQueries) {

    /** A session: its pid, database, user, state, how long its query has run, and the start of the query. */
    record Session(int pid, String database, String user, String state, long seconds, String blockedBy, String query) {
    }

    record DatabaseSize(String name, long bytes) {
    }

    /** {@code note} says why there are no statements (not installed, not preloaded), else it is null. */
    record SlowQueries(String note, List<Statement> statements) {
    }

    record Statement(long calls, double totalMillis, double meanMillis, long rows, String query) {
    }

    double connectionsPercent() {
        return maxConnections == 0 ? 0 : 100.0 * connections / maxConnections;
    }

    static ServerActivity read(Connection connection, Duration longQuery, int slowQueryCount) throws SQLException {
        int connections;
        int max;
        try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FILTER (WHERE backend_type = 'client backend'),"
                + " current_setting('max_connections')::int FROM pg_stat_activity");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            connections = rs.getInt(1);
            max = rs.getInt(2);
        }
        String sessions = "SELECT pid, datname, usename, state,"
                + " coalesce(extract(epoch FROM now() - query_start), 0)::bigint AS seconds,"
                + " array_to_string(pg_blocking_pids(pid), ', ') AS blocked_by, left(query, 300) AS query"
                + " FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' AND ";
        List<Session> longRunning = sessions(connection, sessions
                + "state <> 'idle' AND query_start < now() - make_interval(secs => ?) ORDER BY query_start",
                longQuery.toMillis() / 1000.0);
        List<Session> blocked = sessions(connection, sessions + "cardinality(pg_blocking_pids(pid)) > 0"
                + " ORDER BY query_start", null);
        return new ServerActivity(connections, max, longRunning, blocked, databaseSizes(connection),
                slowQueries(connection, slowQueryCount));
    }

    private static List<Session> sessions(Connection connection, String sql, Double parameter) throws SQLException {
        List<Session> result = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            if (parameter != null) {
                s.setDouble(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new Session(rs.getInt("pid"), rs.getString("datname"), rs.getString("usename"),
                            rs.getString("state"), rs.getLong("seconds"), rs.getString("blocked_by"),
                            rs.getString("query")));
                }
            }
        }
        return result;
    }

    private static List<DatabaseSize> databaseSizes(Connection connection) throws SQLException {
        List<DatabaseSize> sizes = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT datname, pg_database_size(oid) FROM pg_database"
                + " WHERE datallowconn AND has_database_privilege(oid, 'CONNECT') ORDER BY 2 DESC, 1");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                sizes.add(new DatabaseSize(rs.getString(1), rs.getLong(2)));
            }
        }
        return sizes;
    }

    private static SlowQueries slowQueries(Connection connection, int count) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return new SlowQueries("pg_stat_statements is not installed in this database: add it to"
                        + " shared_preload_libraries, restart, and run CREATE EXTENSION pg_stat_statements", List.of());
            }
        }
        List<Statement> statements = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT calls, total_exec_time, mean_exec_time, rows,"
                + " left(query, 300) FROM pg_stat_statements"
                + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " ORDER BY mean_exec_time DESC LIMIT ?")) {
            s.setInt(1, count);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    statements.add(new Statement(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4),
                            rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            return new SlowQueries("pg_stat_statements is installed but cannot be read: "
                    + e.getMessage().lines().findFirst().orElse("") + " (add it to shared_preload_libraries and restart)",
                    List.of());
        }
        return new SlowQueries(null, statements);
    }
}
