/**
 * The on-disk format between export and import: the manifest ({@link dev.nightshift.sync.snapshot.SpoolManifest}
 * with one {@link dev.nightshift.sync.snapshot.SpooledTable} per table part, its counts and leak findings), the
 * part files and their reader, the seal with the files' checksums, and where snapshots live and how many are kept
 * ({@link dev.nightshift.sync.snapshot.Snapshots}). Its types are records and helpers both sides share, so several
 * are public. It knows neither the salt nor the masking rules nor any connection but the one it is handed, and
 * depends on no other sync package.
 */
package dev.nightshift.sync.snapshot;
