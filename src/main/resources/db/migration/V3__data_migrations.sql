-- Data migrations: where each run stands (one row per job instance, so a restart of the same run continues
-- it) and the history of every run, dry runs included, with who started it.
CREATE TABLE data_migration_progress (
    job_instance_id bigint      PRIMARY KEY,
    migration       text        NOT NULL,
    environment     text        NOT NULL,
    file_sha256     text        NOT NULL,       -- a run finishes with the file it started with
    last_key        text[],                      -- key of the last row of the last committed batch; NULL: none yet
    rows_affected   bigint      NOT NULL DEFAULT 0,
    keys_walked     bigint      NOT NULL DEFAULT 0,
    batches         bigint      NOT NULL DEFAULT 0,
    finished        boolean     NOT NULL DEFAULT false,
    -- a batch whose target transaction may have committed while this row was not yet updated:
    -- its transaction id on the target decides on restart whether it counts (pg_xact_status)
    pending_xid     text,
    pending_to      text[],
    pending_rows    bigint,
    pending_keys    bigint,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE data_migration_history (
    id               bigserial   PRIMARY KEY,
    migration        text        NOT NULL,
    environment      text        NOT NULL,
    logical_database text        NOT NULL,
    kind             text        NOT NULL,       -- data | data-dry-run | schema
    started_by       text        NOT NULL,
    parameters       jsonb       NOT NULL,
    started_at       timestamptz NOT NULL,
    ended_at         timestamptz,
    rows_affected    bigint,
    batches          bigint,
    max_batch_millis bigint,
    outcome          text        NOT NULL,       -- RUNNING, COMPLETED, FAILED, STOPPED, DRY-RUN
    message          text,
    job_execution_id bigint
);

CREATE INDEX data_migration_history_idx ON data_migration_history (migration, environment, started_at DESC);
