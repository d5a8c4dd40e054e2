package dev.nightshift.sync.export;

import dev.nightshift.postgres.Identifiers;
import dev.nightshift.sync.snapshot.SequenceValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a live extraction reads from the source's catalog, inside its snapshot. */
final class SourceCatalog {

    private static final String LEAF_TABLES = """
            SELECT n.nspname, c.relname, coalesce(rn.nspname, n.nspname), coalesce(rc.relname, c.relname),
                   ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
                         AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum),
                   pg_relation_size(c.oid) / current_setting('block_size')::bigint,
                   ARRAY(SELECT CASE
                                  WHEN bt.typtype = 'e' THEN 'enum'
                                  WHEN bt.typnamespace = 'pg_catalog'::regnamespace AND bt.typtype IN ('b', 'r', 'm')
                                    THEN bt.typname
                                  WHEN bt.typcategory = 'A' AND et.typnamespace = 'pg_catalog'::regnamespace
                                        AND et.typtype IN ('b', 'r', 'm')
                                    THEN bt.typname
                                  ELSE '' END
                         FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                         JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
                         LEFT JOIN pg_type et ON et.oid = bt.typelem
                         WHERE a.attrelid = c.oid AND a.attnum > 0
                         AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum),
                   ARRAY(SELECT a.attname FROM pg_index i
                         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                         WHERE i.indrelid = c.oid AND i.indisprimary)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class rc ON c.relispartition AND rc.oid = pg_partition_root(c.oid)
            LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE c.relkind = 'r' AND c.relpersistence <> 't'
              AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY pg_relation_size(c.oid) DESC, n.nspname, c.relname
            """;

    private static final String SEQUENCES = """
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'S' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1, 2
            """;

    private static final String MATERIALIZED_VIEWS = """
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'm' AND c.relispopulated
              AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
            ORDER BY c.oid
            """;

    /**
     * A table holding rows (a plain table or a partition); {@code root} names whose rules apply.
     * {@code types}: per column, the name of its type (a domain's base type) when the column can be copied
     * in binary format (built-in types and arrays of them, enums), else empty. Arrays of user-defined types
     * are not: their binary form carries the element type's OID, which differs between databases. {@code primaryKey}: the
     * primary key's columns, if any.
     */
    record Leaf(String schema, String name, String root, List<String> columns, long pages, List<String> types,
                List<String> primaryKey) {
    }

    static List<Leaf> leaves(Connection c) throws SQLException {
        List<Leaf> leaves = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LEAF_TABLES)) {
            while (rs.next()) {
                leaves.add(new Leaf(rs.getString(1), rs.getString(2), rs.getString(3) + "." + rs.getString(4),
                        Arrays.asList((String[]) rs.getArray(5).getArray()), rs.getLong(6),
                        Arrays.asList((String[]) rs.getArray(7).getArray()),
                        Arrays.asList((String[]) rs.getArray(8).getArray())));
            }
        }
        return leaves;
    }

    /** Sequences are not transactional: like pg_dump, this reads their state at the time of the read. */
    static List<SequenceValue> sequences(Connection c) throws SQLException {
        List<String> names = names(c, SEQUENCES);
        List<SequenceValue> values = new ArrayList<>();
        for (String name : names) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + name)) {
                rs.next();
                values.add(new SequenceValue(name, rs.getLong(1), rs.getBoolean(2)));
            }
        }
        return values;
    }

    /** Quoted qualified names from a query returning (schema, name) rows. */
    static List<String> names(Connection c, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(Identifiers.quote(rs.getString(1), rs.getString(2)));
            }
        }
        return names;
    }

    static List<String> materializedViews(Connection c) throws SQLException {
        return names(c, MATERIALIZED_VIEWS);
    }

    private SourceCatalog() {
    }
}
