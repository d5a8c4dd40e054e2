package dev.nightshift.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * CREATE, DROP and RENAME of whole databases on a target's server, run from its maintenance database
 * ("postgres"), since a database cannot be dropped or renamed from a connection to itself.
 */
public final class DatabaseAdmin {

    private final PgTarget server;

    public DatabaseAdmin(PgTarget anyDatabaseOnServer) {
        this.server = anyDatabaseOnServer.withDatabase("postgres");
    }

    public boolean exists(String database) throws SQLException {
        try (Connection c = server.connect();
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

    /** Renames the database after ending the sessions connected to it, which would otherwise block the rename. */
    public void rename(String from, String to) throws SQLException {
        try (Connection c = server.connect()) {
            terminateSessions(c, from);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + Identifiers.quote(from) + " RENAME TO " + Identifiers.quote(to));
            }
        }
    }

    /**
     * Puts {@code incoming} in the place of {@code live}, keeping the old one as {@code previous} (an older
     * {@code previous} is dropped first). Each rename ends the sessions of the database it renames. When
     * {@code live} does not exist yet, {@code incoming} simply takes its name.
     */
    public void swapIn(String incoming, String live, String previous) throws SQLException {
        if (!exists(incoming)) {
            throw new SQLException(incoming + " does not exist; nothing to swap in");
        }
        dropIfExists(previous);
        if (exists(live)) {
            rename(live, previous);
        }
        rename(incoming, live);
    }

    public long sizeBytes(String database) throws SQLException {
        try (Connection c = server.connect();
             PreparedStatement s = c.prepareStatement("SELECT pg_database_size(?)")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void terminateSessions(Connection c, String database) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            s.setString(1, database);
            s.execute();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
