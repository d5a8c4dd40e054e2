package dev.nightshift.sync.snapshot;

import dev.nightshift.postgres.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the sync asks the incoming database about a spooled table: whose rules apply, how many rows it holds. */
public final class TableRoots {

    private TableRoots() {
    }

    public static long rows(Connection c, SpooledTable table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM ONLY " + Identifiers.quote(table.schema(), table.name()))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code schema.table} of the partition root of {@code table} in the database of {@code c} (itself if none). */
    public static String root(Connection c, SpooledTable table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT n.nspname, r.relname FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace
                WHERE r.oid = coalesce(pg_partition_root(?::regclass), ?::regclass)""")) {
            String name = Identifiers.quote(table.schema(), table.name());
            s.setString(1, name);
            s.setString(2, name);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("table " + table.qualifiedName() + " is not in database " + c.getCatalog());
                }
                return rs.getString(1) + "." + rs.getString(2);
            }
        }
    }
}
