/**
 * Proves the loaded copy before it may replace anything: row counts against the snapshot, every constraint valid,
 * no leak recorded by the export, and a schema identical to the snapshot's; writes the run report either way. The
 * entry point is {@link dev.nightshift.sync.verify.SyncVerifyTasklet}. It reads the incoming database and the
 * snapshot only: it may not change the target or touch the production side.
 */
package dev.nightshift.sync.verify;
