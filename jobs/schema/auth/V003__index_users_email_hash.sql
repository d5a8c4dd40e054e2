-- CONCURRENTLY: no lock that blocks writes to users while the index builds. Flyway runs a migration that
-- holds only this statement outside a transaction, as PostgreSQL requires.
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_hash_idx ON users (email_hash);
