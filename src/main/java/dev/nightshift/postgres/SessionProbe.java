package dev.nightshift.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a server, over a fresh connection, whether some work's sessions (by pid or by application name) move: one
 * of them is active and not waiting on its client, or what the server shows of them changed since the last probe
 * (a new statement, COPY's or VACUUM's progress counters). For {@link StallWatch}; one probe at a time.
 */
final class SessionProbe {

    private final PgTarget server;
    private final Duration readTimeout;
    private final List<Integer> pids;
    private final String applicationName;
    private volatile String lastSeen = "its server did not answer a probe in time";
    private String fingerprint;
    private String query;
    private boolean copyProgress;

    SessionProbe(PgTarget server, Duration readTimeout, List<Integer> pids, String applicationName) {
        this.server = server;
        this.readTimeout = readTimeout;
        this.pids = List.copyOf(pids);
        this.applicationName = applicationName;
    }

    /** What the last probe found, for the stall's message (never a value of the work: states and counts only). */
    String lastSeen() {
        return lastSeen;
    }

    /** Whether the server reports the work as moving; a probe the server does not answer is no progress. */
    boolean moved() {
        try (Connection probe = server.connect(readTimeout)) {
            if (query == null) {
                query = query(probe);
                copyProgress = query.contains("pg_stat_progress_copy");
            }
            boolean working = false;
            StringBuilder seen = new StringBuilder();
            try (PreparedStatement s = probe.prepareStatement(query)) {
                s.setArray(1, probe.createArrayOf("int4", pids.toArray()));
                s.setString(2, applicationName);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        // a server without COPY's progress view (before 14) shows a COPY that waits on a slow
                        // client and one whose client is gone alike: there it counts as moving, never as a stall
                        working |= "active".equals(rs.getString("state"))
                                && (!"Client".equals(rs.getString("wait_event_type")) || !copyProgress);
                        seen.append(rs.getString("fingerprint")).append('\n');
                    }
                }
            }
            boolean changed = fingerprint != null && !fingerprint.contentEquals(seen);
            fingerprint = seen.toString();
            lastSeen = fingerprint.isEmpty() ? "its server shows none of its sessions" : "its server shows its sessions waiting";
            return working || changed;
        } catch (SQLException e) {
            lastSeen = "its server did not answer a probe: " + e.getMessage();
            return false;
        }
    }

    /** The server's activity and every progress view it has (they differ between versions), per backend. */
    private static String query(Connection probe) throws SQLException {
        List<String> views = new ArrayList<>();
        try (Statement s = probe.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = 'pg_catalog' AND c.relname LIKE 'pg\\_stat\\_progress\\_%' ORDER BY 1")) {
            while (rs.next()) {
                views.add(rs.getString(1));
            }
        }
        StringBuilder progress = new StringBuilder();
        for (String view : views) {
            progress.append(" || ' ' || coalesce((SELECT p::text FROM pg_catalog.").append(Identifiers.quote(view))
                    .append(" p WHERE p.pid = a.pid LIMIT 1), '')");
        }
        return "SELECT a.state, a.wait_event_type, a.pid || ' ' || coalesce(a.state, '') || ' '"
                + " || coalesce(a.wait_event, '') || ' ' || coalesce(a.state_change::text, '') || ' '"
                + " || coalesce(a.query_start::text, '')" + progress + " AS fingerprint"
                + " FROM pg_stat_activity a WHERE (a.pid = ANY (?) OR a.application_name = ?)"
                + " AND a.pid <> pg_backend_pid() ORDER BY a.pid";
    }
}
