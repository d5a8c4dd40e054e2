-- Undoes V003 without blocking writes to users: alone in its file, so it runs outside a transaction.
DROP INDEX CONCURRENTLY IF EXISTS users_email_hash_idx;
