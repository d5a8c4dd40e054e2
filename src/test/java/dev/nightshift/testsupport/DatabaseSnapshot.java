package dev.nightshift.testsupport;

import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.SchemaDump;
import dev.nightshift.postgres.ServerVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a test compares between two databases: the normalized schema dump and the row count of every table. */
public final class DatabaseSnapshot {

    private DatabaseSnapshot() {
    }

    /** The normalized schema dump the sync's verification compares, see {@link SchemaDump}. */
    public static String schema(String database) {
        TestPostgres pg = TestPostgres.get();
        try {
            PgClient client = PgClient.forServer(new ServerVersion(0, 0, "any"), pg.binDir());
            return SchemaDump.of(client, new PgTarget("test", "-", database, pg.host(), pg.port(), pg.user(),
                    pg.password(), "disable", false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exact row count of every user table, by {@code schema.table}. */
    public static Map<String, Long> rowCounts(String database) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = TestPostgres.get().connect(database); Statement s = c.createStatement()) {
            List<String> tables;
            try (ResultSet rs = s.executeQuery("""
                    SELECT format('%I.%I', schemaname, relname) FROM pg_stat_user_tables ORDER BY 1""")) {
                tables = new java.util.ArrayList<>();
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ONLY " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /**
     * An md5 of every user table's rows (in a stable order), by {@code schema.table}: two databases with equal
     * fingerprints hold the same data.
     */
    public static Map<String, String> contentFingerprints(String database) {
        Map<String, String> fingerprints = new TreeMap<>();
        for (String table : rowCounts(database).keySet()) {
            try (Connection c = TestPostgres.get().connect(database); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), ''))"
                         + " FROM ONLY " + table + " r")) {
                rs.next();
                fingerprints.put(table, rs.getString(1));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return fingerprints;
    }
}
