package dev.nightshift.sync.schema;

/** The catalog queries behind {@link LiveSchema#read}; each yields rows keyed by the table's oid. */
final class CatalogQueries {

    /**
     * Partitions are left out because their rows are copied through the partitioned table; extension
     * members because CREATE EXTENSION recreates them on the target. Foreign tables are in, so that default
     * deny covers them too (the sync copies only their structure).
     */
    private static final String USER_TABLES = """
            WITH user_tables AS (
              SELECT c.oid, n.nspname, c.relname, c.relkind
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p', 'f') AND NOT c.relispartition AND c.relpersistence <> 't'
                AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                AND d.objid = c.oid AND d.deptype = 'e'))
            """;

    static final String TABLES = USER_TABLES + """
            SELECT oid, nspname, relname, relkind = 'p', relkind = 'f' FROM user_tables ORDER BY nspname, relname
            """;

    static final String COLUMNS = USER_TABLES + """
            SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   a.attgenerated <> '', a.attidentity <> '',
                   CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END
            FROM pg_attribute a JOIN user_tables t ON t.oid = a.attrelid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum
            """;

    /**
     * Key columns come from indkey (INCLUDE columns excluded); for expression and partial indexes, the
     * columns the expressions or predicate read are found through the index's column dependencies. Then
     * each key element as PostgreSQL prints it (a column name or an expression) and the predicate.
     */
    static final String UNIQUE_KEYS = USER_TABLES + """
            SELECT i.indrelid, ic.relname, coalesce(con.contype, 'i'),
                   i.indexprs IS NOT NULL, i.indpred IS NOT NULL,
                   ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         WHERE k.ord <= i.indnkeyatts ORDER BY k.ord),
                   ARRAY(SELECT a.attname FROM pg_depend d
                         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                         WHERE (i.indexprs IS NOT NULL OR i.indpred IS NOT NULL)
                           AND d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid
                           AND d.refclassid = 'pg_class'::regclass AND d.refobjid = i.indrelid
                           AND d.refobjsubid > 0
                           AND NOT d.refobjsubid = ANY (i.indkey::int2[])
                         ORDER BY a.attnum),
                   ARRAY(SELECT pg_get_indexdef(i.indexrelid, k.ord, false)
                         FROM generate_series(1, i.indnkeyatts) k(ord) ORDER BY k.ord),
                   pg_get_expr(i.indpred, i.indrelid)
            FROM pg_index i JOIN user_tables t ON t.oid = i.indrelid
            JOIN pg_class ic ON ic.oid = i.indexrelid
            LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                                       AND con.contype IN ('p', 'u')
            WHERE i.indisunique
            ORDER BY i.indrelid, position(coalesce(con.contype, 'i') IN 'pui'), ic.relname
            """;

    /** conparentid = 0 skips the copies PostgreSQL makes of a foreign key for each partition. */
    static final String FOREIGN_KEYS = USER_TABLES + """
            SELECT con.conrelid, con.conname, rn.nspname, rc.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)
            FROM pg_constraint con JOIN user_tables t ON t.oid = con.conrelid
            JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE con.contype = 'f' AND con.conparentid = 0
            ORDER BY con.conrelid, con.conname
            """;

    private CatalogQueries() {
    }
}
