-- The backup catalog: one row per published artifact. Rows are never deleted, only marked, so the history
-- of what retention removed (and why) stays readable.
CREATE TABLE backup (
    id               bigserial PRIMARY KEY,
    environment      text        NOT NULL,
    logical_database text        NOT NULL,
    database_name    text        NOT NULL,
    artifact         text        NOT NULL UNIQUE,
    compression      text        NOT NULL,
    size_bytes       bigint      NOT NULL,
    sha256           text        NOT NULL,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    server_version   text        NOT NULL,
    pg_dump_version  text        NOT NULL,
    table_count      integer     NOT NULL,
    verified         boolean     NOT NULL,
    verification     text        NOT NULL,
    job_execution_id bigint,
    deleted_at       timestamptz,
    deleted_reason   text
);

CREATE INDEX backup_live_idx ON backup (environment, logical_database, started_at DESC) WHERE deleted_at IS NULL;
