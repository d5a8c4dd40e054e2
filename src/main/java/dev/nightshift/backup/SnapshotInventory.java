package dev.nightshift.backup;

import dev.nightshift.postgres.Identifiers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of a database and, when asked, their row counts: read inside the transaction whose snapshot
 * pg_dump uses, so the numbers describe exactly what is in the artifact. Also used on a restored copy, to
 * compare.
 */
final class SnapshotInventory {

    private SnapshotInventory() {
    }

    /** User tables (plain and partitioned) as {@code schema.table}, not counting tables of extensions. */
    static List<String[]> tables(Connection c) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT n.nspname, c.relname
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p')
                   AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
                 ORDER BY 1, 2""")) {
            while (rs.next()) {
                tables.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return tables;
    }

    /** Exact row counts per table; {@code ONLY} so a partitioned parent does not count its partitions' rows. */
    static Map<String, Long> rowCounts(Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (String[] table : tables(c)) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ONLY " + Identifiers.quote(table[0], table[1]))) {
                    rs.next();
                    counts.put(table[0] + "." + table[1], rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
