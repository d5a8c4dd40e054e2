/**
 * The masked copy of a production database into another environment, as jobs: {@link dev.nightshift.sync.SyncJobs}
 * is the command line's entry (sync, export, import, rules check). The sub-packages follow the data, top to bottom:
 * {@code masking} (rules, strategies, validator, detectors) and {@code schema} (the live catalog); {@code export}
 * (extract, mask, write parts); {@code leak} (every written value checked for originals); {@code snapshot} (the
 * on-disk format); {@code load} (import into {@code <db>__incoming}); {@code verify}; {@code swap}. This package wires
 * them into jobs and holds what every step shares: the run's parameters ({@link dev.nightshift.sync.SyncRun}), the
 * tools ({@link dev.nightshift.sync.SyncTools}), the guard and the report.
 */
package dev.nightshift.sync;
