-- The report-time benchmark's database: :tables tables (psql -v tables=1000), each with a primary key, a
-- secondary index, a foreign key to the previous table (half of them indexed), 200 rows, some dead tuples.
SELECT format($f$
    CREATE TABLE t_%1$s (id bigint PRIMARY KEY, parent_id bigint %2$s, name text NOT NULL, amount numeric(12,2),
                         created timestamptz NOT NULL DEFAULT now(), flags boolean, payload jsonb);
    CREATE INDEX t_%1$s_created ON t_%1$s (created);
    %3$s
    INSERT INTO t_%1$s (id, parent_id, name, amount, flags, payload)
        SELECT g, %4$s, 'row ' || g, g * 1.5, g %% 2 = 0, jsonb_build_object('g', g) FROM generate_series(1, 200) g;
    DELETE FROM t_%1$s WHERE id %% 10 = 0;
    $f$, i,
    CASE WHEN i > 1 THEN 'REFERENCES t_' || (i - 1) END,
    CASE WHEN i % 2 = 0 THEN format('CREATE INDEX t_%s_parent ON t_%s (parent_id);', i, i) ELSE '' END,
    CASE WHEN i > 1 THEN 'g - (g % 10 = 0)::int' ELSE 'NULL' END)
FROM generate_series(1, :tables) i
\gexec
ANALYZE;
