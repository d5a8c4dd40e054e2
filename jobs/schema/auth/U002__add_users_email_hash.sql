-- Undoes V002 (migrate-schema rollback --to 001): the backfilled digests go with the column; the backfill
-- (jobs/migrations/backfill_email_hash.yml) recomputes them after V002 runs again.
ALTER TABLE users DROP COLUMN IF EXISTS email_hash;
