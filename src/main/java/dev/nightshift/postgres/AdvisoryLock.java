package dev.nightshift.postgres;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A session-level advisory lock in the ops database, held on a connection of its own for as long as the
 * work runs. A process that dies loses its connection and with it the lock, so a SIGKILL never leaves a
 * lock behind. The connection's application_name says who holds it, for the message the loser prints.
 * The key is the first 8 bytes of the name's SHA-256, one bigint: two names do not collide in practice
 * (a 32-bit string hash did). A connection can be lost under the lock (idle timeout, proxy, failover):
 * {@link #stillHeld()} asks the server, and the holder watches it (see jobs/LockWatch).
 */
public final class AdvisoryLock implements AutoCloseable {

    // pg_locks shows a single-bigint key as classid (high half), objid (low half), objsubid 1
    private static final String GRANTED = """
            l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND l.classid = ((?::bigint >> 32) & 4294967295)::oid AND l.objid = (?::bigint & 4294967295)::oid""";

    private final Connection connection;
    private final String name;
    private final long key;

    private AdvisoryLock(Connection connection, String name, long key) {
        this.connection = connection;
        this.name = name;
        this.key = key;
    }

    /** Takes the lock named {@code name} if nobody holds it; {@code holder} is shown to whoever asks next. */
    public static Optional<AdvisoryLock> tryAcquire(DataSource ops, String name, String holder) throws SQLException {
        long key = key(name);
        Connection connection = ops.getConnection();
        try {
            connection.setAutoCommit(true);
            try (PreparedStatement s = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
                s.setString(1, truncate(holder));
                s.execute();
            }
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                s.setLong(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new AdvisoryLock(connection, name, key));
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
             PreparedStatement s = c.prepareStatement("SELECT a.application_name, a.backend_start"
                     + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE " + GRANTED)) {
            long key = key(name);
            s.setLong(1, key);
            s.setLong(2, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(rs.getString(1) + " since " + rs.getTimestamp(2).toInstant());
            }
        }
    }

    /** The lock's 64-bit key: the first 8 bytes of the SHA-256 of its name. */
    public static long key(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public String name() {
        return name;
    }

    /**
     * Asks the server, on the lock's own connection (which keeps it from idling out), whether this session
     * still holds the lock. False when the connection is gone: the lock went with it.
     */
    public boolean stillHeld() {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT count(*) FROM pg_locks l WHERE l.pid = pg_backend_pid() AND " + GRANTED)) {
            s.setQueryTimeout(10);
            s.setLong(1, key);
            s.setLong(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static String truncate(String holder) {
        // application_name is cut at 63 bytes by the server anyway; cut it here so the cut is predictable
        return holder.length() > 60 ? holder.substring(0, 60) : holder;
    }

    @Override
    public void close() {
        try (connection; PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            s.setLong(1, key);
            s.execute();
        } catch (SQLException e) {
            // closing the connection releases the lock anyway
        }
    }
}
