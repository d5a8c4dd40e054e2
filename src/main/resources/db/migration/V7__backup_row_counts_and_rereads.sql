-- Rows per table ({"schema.table": rows}) counted from each backup's own dump stream; NULL for backups taken
-- before the counting existed.
ALTER TABLE backup ADD COLUMN row_counts jsonb;

-- The newest re-read of the stored artifact by `nightshift backups verify` (checksum, table of contents and
-- row counts, without restoring). A failed re-read also turns verified off for good: retention, restores and
-- syncs never count that artifact again.
ALTER TABLE backup ADD COLUMN reread_at timestamptz;
ALTER TABLE backup ADD COLUMN reread_passed boolean;
ALTER TABLE backup ADD COLUMN reread_detail text;
