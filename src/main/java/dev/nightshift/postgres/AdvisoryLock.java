package dev.nightshift.postgres;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A session-level advisory lock in the ops database, held on a connection of its own for as long as the
 * work runs. A process that dies loses its connection and with it the lock, so a SIGKILL never leaves a
 * lock behind. The connection's application_name says who holds it, for the message the loser prints.
 */
public final class AdvisoryLock implements AutoCloseable {

    /** "NSFT": keeps Nightshift's locks apart from any other advisory locks in the ops database. */
    private static final int NAMESPACE = 0x4E534654;

    private final Connection connection;
    private final int key;

    private AdvisoryLock(Connection connection, int key) {
        this.connection = connection;
        this.key = key;
    }

    /** Takes the lock named {@code name} if nobody holds it; {@code holder} is shown to whoever asks next. */
    public static Optional<AdvisoryLock> tryAcquire(DataSource ops, String name, String holder) throws SQLException {
        Connection connection = ops.getConnection();
        try {
            connection.setAutoCommit(true);
            try (PreparedStatement s = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
                s.setString(1, truncate(holder));
                s.execute();
            }
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                s.setInt(1, NAMESPACE);
                s.setInt(2, name.hashCode());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new AdvisoryLock(connection, name.hashCode()));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Whether anybody holds the lock {@code name} right now, and if so who. */
    public static Optional<String> holder(DataSource ops, String name) throws SQLException {
        try (Connection c = ops.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT a.application_name, a.client_addr, a.backend_start
                       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                      WHERE l.locktype = 'advisory' AND l.granted
                        AND l.classid = (?::bigint & 4294967295)::oid
                        AND l.objid = (?::bigint & 4294967295)::oid AND l.objsubid = 2
                     """)) {
            s.setInt(1, NAMESPACE);
            s.setInt(2, name.hashCode());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(rs.getString(1) + " since " + rs.getTimestamp(3).toInstant());
            }
        }
    }

    private static String truncate(String holder) {
        // application_name is cut at 63 bytes by the server anyway; cut it here so the cut is predictable
        return holder.length() > 60 ? holder.substring(0, 60) : holder;
    }

    @Override
    public void close() {
        try (connection; PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            s.setInt(1, NAMESPACE);
            s.setInt(2, key);
            s.execute();
        } catch (SQLException e) {
            // closing the connection releases the lock anyway
        }
    }
}
