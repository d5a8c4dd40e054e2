package dev.nightshift.sync.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where the load of each spooled file stands, kept in the incoming database itself and written in the same
 * transaction as the rows of each chunk: after a kill, the copy and its progress agree by construction,
 * also when several files (parts of one big table) load into the same table at once. The schema is
 * dropped, in the post-data transaction, before the copy can become staging.
 */
public final class LoadProgress {

    public static final String SCHEMA = "nightshift_sync";

    /** Bytes and rows of a spool file already committed to the copy. */
    record Position(long offset, long rows) {
    }

    private LoadProgress() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("CREATE TABLE " + SCHEMA + ".load_progress (file text PRIMARY KEY,"
                    + " byte_offset bigint NOT NULL, rows bigint NOT NULL)");
        }
    }

    static Position read(Connection c, String file) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT byte_offset, rows FROM " + SCHEMA + ".load_progress WHERE file = ?")) {
            s.setString(1, file);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Position(rs.getLong(1), rs.getLong(2)) : new Position(0, 0);
            }
        }
    }

    /** Records the position after a chunk; the caller commits it together with the chunk's rows. */
    static void record(Connection c, String file, long offset, long rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + SCHEMA + ".load_progress VALUES (?, ?, ?)"
                + " ON CONFLICT (file) DO UPDATE SET byte_offset = excluded.byte_offset, rows = excluded.rows")) {
            s.setString(1, file);
            s.setLong(2, offset);
            s.setLong(3, rows);
            s.execute();
        }
    }

    private static final String ANALYZED = "analyzed:";

    /**
     * Records that the load analyzed a table (schema.name) once all its rows were in, as a row of its own in
     * the progress table (no spool file name starts with "analyzed:"); the caller commits.
     */
    static void recordAnalyzed(Connection c, String qualifiedName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + SCHEMA + ".load_progress VALUES (?, 0, 0)"
                + " ON CONFLICT (file) DO NOTHING")) {
            s.setString(1, ANALYZED + qualifiedName);
            s.execute();
        }
    }

    /** The tables (schema.name) the load analyzed; none when the bookkeeping is already dropped. */
    static java.util.Set<String> analyzed(Connection c) throws SQLException {
        java.util.Set<String> names = new java.util.HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT substr(file, ?) FROM " + SCHEMA + ".load_progress WHERE starts_with(file, ?)")) {
            s.setInt(1, ANALYZED.length() + 1);
            s.setString(2, ANALYZED);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) { // undefined table: the post-data transaction dropped it
                throw e;
            }
        }
        return names;
    }

    static String dropStatement() {
        return "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE";
    }
}
