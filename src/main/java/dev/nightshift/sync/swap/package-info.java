/**
 * The last step of an import: replaces the target database by the verified {@code <db>__incoming} in one
 * transaction, keeping the old one as {@code <db>__previous}. The entry point is
 * {@link dev.nightshift.sync.swap.SyncSwapTasklet}. It runs only after verification passed and may not read the
 * snapshot or the production side.
 */
package dev.nightshift.sync.swap;
