-- Retention marks a backup deleted, then deletes its artifact; a crash in between leaves the artifact. The
-- removal is confirmed here, so the next retention run knows which artifacts may still be there. Rows
-- deleted before this column existed are checked once.
ALTER TABLE backup ADD COLUMN artifact_removed_at timestamptz;

CREATE INDEX backup_removal_pending_idx ON backup (environment, logical_database)
    WHERE deleted_at IS NOT NULL AND artifact_removed_at IS NULL;
