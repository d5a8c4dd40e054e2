-- Issue 7: where each artifact is stored and how it is encrypted, and the history of test restores.

-- 'local' (the backup directory) or 's3://bucket/prefix'; rows older than this migration are local
ALTER TABLE backup ADD COLUMN storage text NOT NULL DEFAULT 'local';
-- NULL for a plain artifact, else the scheme ('tink-streaming-aead') and the id of the Tink key (never the key)
ALTER TABLE backup ADD COLUMN encryption text;
ALTER TABLE backup ADD COLUMN key_id bigint;

-- One row per test restore: the newest verified backup of a database restored into a throwaway database.
-- duration_ms is the measured recovery time (RTO) of that backup, from the first byte read to the last count.
CREATE TABLE backup_test_restore (
    id                  bigserial PRIMARY KEY,
    backup_id           bigint      NOT NULL REFERENCES backup (id),
    environment         text        NOT NULL,
    logical_database    text        NOT NULL,
    scratch_environment text        NOT NULL,
    started_at          timestamptz NOT NULL,
    finished_at         timestamptz NOT NULL,
    duration_ms         bigint      NOT NULL,
    succeeded           boolean     NOT NULL,
    table_count         integer,
    row_count           bigint,
    detail              text        NOT NULL,
    job_execution_id    bigint
);

CREATE INDEX backup_test_restore_latest_idx ON backup_test_restore (environment, logical_database, started_at DESC);
