-- The demo's auth database predates Nightshift's schema migrations: version 001 is its existing schema
-- (nightshift.migration.schema-baseline-version: "001"), so this is the first version Flyway runs there.
-- The data goes in separately, in batches: jobs/migrations/backfill_email_hash.yml.
ALTER TABLE users ADD COLUMN email_hash text;
