-- Maintenance history: one row per maintenance run of a database, the per-table numbers of that run (for
-- the trends: change since the last run, 30-day growth), and what the VACUUM runner did to each table.
CREATE TABLE maintenance_run (
    id               bigserial PRIMARY KEY,
    environment      text        NOT NULL,
    logical_database text        NOT NULL,
    database_name    text        NOT NULL,
    job_execution_id bigint      NOT NULL,
    collected_at     timestamptz NOT NULL,
    database_bytes   bigint      NOT NULL,
    report_html      text,
    alerts           text        NOT NULL DEFAULT ''
);

CREATE INDEX maintenance_run_db_idx ON maintenance_run (environment, logical_database, collected_at DESC);

CREATE TABLE maintenance_table_stats (
    run_id       bigint NOT NULL REFERENCES maintenance_run (id) ON DELETE CASCADE,
    schema_name  text   NOT NULL,
    table_name   text   NOT NULL,
    total_bytes  bigint NOT NULL,
    dead_tuples  bigint NOT NULL,
    bloat_bytes  bigint,
    PRIMARY KEY (run_id, schema_name, table_name)
);

-- keyed by the job instance, so a restarted run does not vacuum a table twice
CREATE TABLE maintenance_vacuum (
    job_instance_id   bigint      NOT NULL,
    ordinal           integer     NOT NULL,
    schema_name       text        NOT NULL,
    table_name        text        NOT NULL,
    reason            text        NOT NULL,
    command           text        NOT NULL,
    outcome           text        NOT NULL,
    message           text        NOT NULL DEFAULT '',
    dead_before       bigint,
    dead_after        bigint,
    bytes_before      bigint,
    bytes_after       bigint,
    millis            bigint,
    finished_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_instance_id, schema_name, table_name)
);
