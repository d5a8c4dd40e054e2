package dev.nightshift.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * CREATE, DROP, COMMENT and ALLOW_CONNECTIONS of whole databases on a target's server, run from its
 * maintenance database ("postgres"), since a database cannot be dropped or renamed from a connection to itself
 * (the renames of a swap: {@link DatabaseSwap}).
 */
public final class DatabaseAdmin {

    private final PgTarget server;

    public DatabaseAdmin(PgTarget anyDatabaseOnServer) {
        this.server = anyDatabaseOnServer.withDatabase("postgres");
    }

    public boolean exists(String database) throws SQLException {
        try (Connection c = server.connectBounded();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void create(String database) throws SQLException {
        execute("CREATE DATABASE " + Identifiers.quote(database) + " TEMPLATE template0");
    }

    /** Drops the database, ending its sessions first (PostgreSQL 13+: WITH (FORCE)). */
    public void dropIfExists(String database) throws SQLException {
        execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database) + " WITH (FORCE)");
    }

    public long sizeBytes(String database) throws SQLException {
        try (Connection c = server.connectBounded();
             PreparedStatement s = c.prepareStatement("SELECT pg_database_size(?)")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The database's comment (COMMENT ON DATABASE), null when it has none or does not exist. */
    public String comment(String database) throws SQLException {
        try (Connection c = server.connectBounded();
             PreparedStatement s = c.prepareStatement(
                     "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public void setComment(String database, String comment) throws SQLException {
        try (Connection c = server.connectBounded();
             PreparedStatement s = c.prepareStatement("SELECT format('%s IS %L', ?::text, ?::text)")) {
            // COMMENT takes no parameters: the server quotes the value as a literal
            s.setString(1, "COMMENT ON DATABASE " + Identifiers.quote(database));
            s.setString(2, comment);
            try (ResultSet rs = s.executeQuery(); Statement apply = c.createStatement()) {
                rs.next();
                apply.execute(rs.getString(1));
            }
        }
    }

    /** Whether new sessions may connect to the database (ALTER DATABASE ... ALLOW_CONNECTIONS). */
    public void allowConnections(String database, boolean allow) throws SQLException {
        execute("ALTER DATABASE " + Identifiers.quote(database) + " WITH ALLOW_CONNECTIONS " + allow);
    }

    /** A connection for the short statements of a swap (ends, renames): a read that gets no answer fails. */
    public Connection connectToServer() throws SQLException {
        return server.connectBounded();
    }

    /**
     * Ends every other session of the databases and waits until they are gone (pg_terminate_backend only
     * signals), so that a rename does not fail on a session still closing.
     */
    static void endSessions(Connection c, java.util.List<String> databases, java.time.Duration patience)
            throws SQLException {
        long deadline = System.nanoTime() + patience.toNanos();
        String[] names = databases.toArray(String[]::new);
        try (PreparedStatement kill = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = ANY (?) AND pid <> pg_backend_pid()")) {
            kill.setArray(1, c.createArrayOf("text", names));
            while (true) {
                try (ResultSet rs = kill.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new SQLException("sessions of " + databases + " did not end within " + patience.toSeconds() + " s");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while ending the sessions of " + databases, e);
                }
            }
        }
    }

    /** CREATE, DROP and ALTER DATABASE: they may wait long for a checkpoint, so a stall, not a read, ends them. */
    private void execute(String sql) throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            StallWatch watch = StallWatch.onConnection(server, c, sql + " on " + server.host() + ":" + server.port());
            try (watch) {
                s.execute(sql);
            } catch (SQLException e) {
                throw watch.sqlFailure(e);
            }
        }
    }
}
