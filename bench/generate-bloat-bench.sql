-- The estimation-error benchmark's database: tables of different row shapes, each bloated in its own way by
-- updates and deletes, analyzed so that the statistics describe the live rows (as after a nightly run).
CREATE EXTENSION IF NOT EXISTS pgstattuple;

CREATE TABLE narrow_updated_half (id bigint PRIMARY KEY, n integer NOT NULL) WITH (autovacuum_enabled = false);
INSERT INTO narrow_updated_half SELECT g, g FROM generate_series(1, 200000) g;
UPDATE narrow_updated_half SET n = n + 1 WHERE id % 2 = 0;

CREATE TABLE narrow_deleted_80 (id bigint PRIMARY KEY, n integer NOT NULL) WITH (autovacuum_enabled = false);
INSERT INTO narrow_deleted_80 SELECT g, g FROM generate_series(1, 200000) g;
DELETE FROM narrow_deleted_80 WHERE id % 5 <> 0;

CREATE TABLE text_updated_all (id bigint PRIMARY KEY, body text NOT NULL) WITH (autovacuum_enabled = false);
INSERT INTO text_updated_all SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 100000) g;
UPDATE text_updated_all SET body = body || 'x';

CREATE TABLE mixed_types_10pct (id bigint PRIMARY KEY, flag boolean, small smallint, amount numeric(12, 2),
                                created timestamptz, note varchar(80), code char(3)) WITH (autovacuum_enabled = false);
INSERT INTO mixed_types_10pct SELECT g, g % 2 = 0, (g % 1000)::smallint, g * 0.37, now() - g * interval '1 minute',
       'note ' || g, 'abc' FROM generate_series(1, 200000) g;
UPDATE mixed_types_10pct SET amount = amount + 1 WHERE id % 10 = 0;

CREATE TABLE nullable_30pct (id bigint PRIMARY KEY, a integer, b text, c timestamptz) WITH (autovacuum_enabled = false);
INSERT INTO nullable_30pct SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE g END,
       CASE WHEN g % 4 = 0 THEN NULL ELSE 'value ' || g END, CASE WHEN g % 5 = 0 THEN NULL ELSE now() END
FROM generate_series(1, 200000) g;
DELETE FROM nullable_30pct WHERE id % 10 IN (1, 2, 3);

CREATE TABLE fillfactor_70 (id bigint PRIMARY KEY, n integer, label text) WITH (fillfactor = 70, autovacuum_enabled = false);
INSERT INTO fillfactor_70 SELECT g, g, 'label ' || g FROM generate_series(1, 200000) g;
UPDATE fillfactor_70 SET n = n + 1 WHERE id % 3 = 0;

CREATE TABLE jsonb_rows (id bigint PRIMARY KEY, doc jsonb NOT NULL) WITH (autovacuum_enabled = false);
INSERT INTO jsonb_rows SELECT g, jsonb_build_object('id', g, 'name', 'customer ' || g, 'tags', jsonb_build_array('a', 'b', g % 7))
FROM generate_series(1, 100000) g;
DELETE FROM jsonb_rows WHERE id % 2 = 1;

CREATE TABLE wide_updated_twice (id bigint PRIMARY KEY, a bigint, b bigint, c bigint, d text, e text, f date)
    WITH (autovacuum_enabled = false);
INSERT INTO wide_updated_twice SELECT g, g, g * 2, g * 3, 'first ' || g, md5(g::text), current_date FROM generate_series(1, 100000) g;
UPDATE wide_updated_twice SET a = a + 1;
UPDATE wide_updated_twice SET b = b + 1 WHERE id % 2 = 0;

CREATE TABLE vacuumed_after_delete (id bigint PRIMARY KEY, body text) WITH (autovacuum_enabled = false);
INSERT INTO vacuumed_after_delete SELECT g, md5(g::text) FROM generate_series(1, 200000) g;
DELETE FROM vacuumed_after_delete WHERE id % 3 <> 0;
VACUUM vacuumed_after_delete;

CREATE TABLE untouched (id bigint PRIMARY KEY, body text, n integer) WITH (autovacuum_enabled = false);
INSERT INTO untouched SELECT g, md5(g::text), g FROM generate_series(1, 200000) g;

CREATE TABLE name_column (id bigint PRIMARY KEY, label name) WITH (autovacuum_enabled = false);
INSERT INTO name_column SELECT g, 'label ' || g FROM generate_series(1, 100000) g;
UPDATE name_column SET label = label || 'x' WHERE id % 2 = 0;

ANALYZE;
