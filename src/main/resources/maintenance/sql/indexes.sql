-- Every index of a user table: its key columns, use since the last statistics reset, validity, size, and
-- the average width of its key columns for the btree bloat estimate. pg_get_indexdef and the sizes wait for
-- a table another session holds in ACCESS EXCLUSIVE mode, so those come from pg_class (or not at all) then.
WITH locked AS MATERIALIZED (
    SELECT l.relation FROM pg_locks l
    WHERE l.mode = 'AccessExclusiveLock' AND l.granted AND l.relation IS NOT NULL
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
)
SELECT i.indexrelid AS index_oid, i.indrelid AS table_oid, n.nspname AS schema_name, t.relname AS table_name,
       ic.relname AS index_name, am.amname AS method, i.indisunique AS is_unique, i.indisprimary AS is_primary,
       i.indisvalid AS is_valid, i.indnkeyatts AS key_count, string_to_array(i.indkey::text, ' ')::int[] AS columns,
       i.indexprs IS NOT NULL AS has_expressions, i.indpred IS NOT NULL AS is_partial,
       CASE WHEN i.indexrelid IN (SELECT relation FROM locked) OR i.indrelid IN (SELECT relation FROM locked)
            THEN NULL ELSE pg_get_indexdef(i.indexrelid) END AS definition,
       CASE WHEN i.indexrelid IN (SELECT relation FROM locked) OR i.indrelid IN (SELECT relation FROM locked)
            THEN ic.relpages::bigint * current_setting('block_size')::bigint
            ELSE pg_relation_size(i.indexrelid) END AS bytes,
       coalesce(s.idx_scan, 0) AS scans, ic.reltuples,
       w.width, w.missing AS columns_without_stats,
       coalesce((SELECT substring(o FROM 'fillfactor=([0-9]+)')::int
                 FROM unnest(ic.reloptions) o WHERE o LIKE 'fillfactor=%'), 90) AS fillfactor
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
LEFT JOIN LATERAL (
    SELECT coalesce(sum(st.avg_width), 0) AS width, count(*) FILTER (WHERE st.avg_width IS NULL) AS missing
    FROM unnest(i.indkey::int2[]) k(attnum)
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    LEFT JOIN pg_stats st ON st.schemaname = n.nspname AND st.tablename = t.relname AND st.attname = a.attname
                         AND NOT st.inherited
) w ON true
WHERE t.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_toast'
ORDER BY n.nspname, t.relname, ic.relname
