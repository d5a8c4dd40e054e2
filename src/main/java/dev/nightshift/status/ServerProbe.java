package dev.nightshift.status;

import dev.nightshift.postgres.PgTarget;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the server says of one database: the seed guides' SELECT 1, and a little more in the same round trip. */
final class ServerProbe {

    record Answer(boolean reachable, String error, String version, Long sizeBytes, Integer connections, Integer maxConnections) {
    }

    private static final String SQL = "SELECT current_setting('server_version'), pg_database_size(current_database()),"
            + " (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'),"
            + " current_setting('max_connections')::int";

    private ServerProbe() {
    }

    static Answer ask(PgTarget target) {
        try (Connection c = target.connectBounded(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
            rs.next();
            return new Answer(true, null, rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getInt(4));
        } catch (SQLException e) {
            return new Answer(false, e.getMessage(), null, null, null, null);
        }
    }
}
