package dev.nightshift.migration.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code public.nightshift_seed_history} in the seeded database itself. Each row carries the identity of the
 * physical database it was written in (the server's system identifier and the database's oid, which a rename
 * keeps and a restore or a sync into a new database does not): rows that arrived with a copy of another
 * database describe that database, not this one, so they are ignored and replaced.
 */
final class SeedHistory {

    static final String TABLE = "public.nightshift_seed_history";

    private final Connection connection;
    private final String identity;

    private SeedHistory(Connection connection, String identity) {
        this.connection = connection;
        this.identity = identity;
    }

    /** Creates the table if needed and forgets rows written in another database; the connection is in autocommit. */
    static SeedHistory open(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (seed_class text NOT NULL, file_name text NOT NULL,"
                    + " checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), database_identity text NOT NULL,"
                    + " PRIMARY KEY (seed_class, file_name))");
        }
        String identity = identity(connection);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE database_identity <> ?")) {
            delete.setString(1, identity);
            delete.executeUpdate();
        }
        return new SeedHistory(connection, identity);
    }

    /** file name to checksum, for one class */
    Map<String, String> applied(String seedClass) throws SQLException {
        Map<String, String> applied = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT file_name, checksum FROM " + TABLE
                + " WHERE seed_class = ? AND database_identity = ?")) {
            s.setString(1, seedClass);
            s.setString(2, identity);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    applied.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return applied;
    }

    /** Within the caller's transaction, so the seed and its row commit together. */
    void record(String seedClass, String file, String checksum) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + TABLE + " (seed_class, file_name, checksum,"
                + " database_identity) VALUES (?, ?, ?, ?) ON CONFLICT (seed_class, file_name) DO UPDATE"
                + " SET checksum = excluded.checksum, applied_at = now(), database_identity = excluded.database_identity")) {
            s.setString(1, seedClass);
            s.setString(2, file);
            s.setString(3, checksum);
            s.setString(4, identity);
            s.executeUpdate();
        }
    }

    private static String identity(Connection connection) throws SQLException {
        String oid;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT oid FROM pg_database WHERE datname = current_database()")) {
            rs.next();
            oid = rs.getString(1);
        }
        String system;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT system_identifier FROM pg_control_system()")) {
            rs.next();
            system = rs.getString(1);
        } catch (SQLException e) {
            // pg_control_system() may be revoked; the server's address still tells servers apart
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT coalesce(host(inet_server_addr()), 'local') || ':' || coalesce(inet_server_port(), 0)")) {
                rs.next();
                system = rs.getString(1);
            }
        }
        return system + "/" + oid;
    }
}
