-- What the heap bloat estimate needs per table: the average stored width of a row from pg_stats, whether any
-- column has nulls (a null bitmap in every tuple header), and what makes the estimate unreliable.
SELECT c.oid AS table_oid,
       count(*) AS columns,
       sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0)) AS data_width,
       bool_or(coalesce(s.null_frac, 0) > 0) AS has_nulls,
       count(*) FILTER (WHERE s.avg_width IS NULL) AS columns_without_stats,
       bool_or(t.typname = 'name') AS has_name_column,
       coalesce((SELECT substring(o FROM 'fillfactor=([0-9]+)')::int
                 FROM unnest(c.reloptions) o WHERE o LIKE 'fillfactor=%'), 100) AS fillfactor
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = a.attname
                    AND NOT s.inherited
WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_toast'
-- reloptions named too: before PostgreSQL 14 the catalogs have no primary keys that make it follow from oid
GROUP BY c.oid, c.reloptions
