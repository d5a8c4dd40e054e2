-- Foreign keys with their referencing columns (attribute numbers and names, in constraint order).
SELECT c.conrelid AS table_oid, n.nspname AS schema_name, t.relname AS table_name, c.conname AS constraint_name,
       c.conkey::int[] AS columns,
       (SELECT string_agg(a.attname, ', ' ORDER BY u.ord)
        FROM unnest(c.conkey) WITH ORDINALITY u(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = u.attnum) AS column_names
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE c.contype = 'f' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY n.nspname, t.relname, c.conname
