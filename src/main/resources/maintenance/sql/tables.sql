-- Every user table with its sizes and activity numbers. Sizes of a table another session holds in ACCESS
-- EXCLUSIVE mode come from pg_class (the last VACUUM or ANALYZE), because measuring them would wait for it.
WITH locked AS MATERIALIZED (
    SELECT l.relation FROM pg_locks l
    WHERE l.mode = 'AccessExclusiveLock' AND l.granted AND l.relation IS NOT NULL
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
)
SELECT c.oid AS table_oid, n.nspname AS schema_name, c.relname AS table_name,
       c.oid IN (SELECT relation FROM locked) AS locked,
       CASE WHEN c.oid IN (SELECT relation FROM locked)
            THEN c.relpages::bigint * current_setting('block_size')::bigint
            ELSE pg_relation_size(c.oid) END AS heap_bytes,
       CASE WHEN c.oid IN (SELECT relation FROM locked) THEN 0 ELSE pg_indexes_size(c.oid) END AS index_bytes,
       CASE WHEN c.reltoastrelid = 0 OR c.oid IN (SELECT relation FROM locked) THEN 0
            ELSE pg_total_relation_size(c.reltoastrelid) END AS toast_bytes,
       s.n_live_tup AS live_tuples, s.n_dead_tup AS dead_tuples, s.n_mod_since_analyze AS modified_since_analyze,
       s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
       age(c.relfrozenxid) AS xid_age, c.reltuples
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_stat_user_tables s ON s.relid = c.oid
WHERE c.relkind IN ('r', 'm')
ORDER BY n.nspname, c.relname
