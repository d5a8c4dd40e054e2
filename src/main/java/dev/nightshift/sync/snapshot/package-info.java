/**
 * The on-disk format between export and import: the manifest ({@link dev.nightshift.sync.snapshot.SpoolManifest}
 * with one {@link dev.nightshift.sync.snapshot.SpooledTable} per table part, its counts and leak findings), the
 * part files and their reader, the seal with the files' checksums, and where snapshots live and how many are kept
 * (a directory, {@link dev.nightshift.sync.snapshot.Snapshots}, or a bucket,
 * {@link dev.nightshift.sync.snapshot.S3Snapshots}), and the hand-over of a spool while it is written
 * ({@link dev.nightshift.sync.snapshot.PartSink}). Its types are records and helpers both sides share, so several
 * are public. It knows neither the salt nor the masking rules nor any database connection.
 */
package dev.nightshift.sync.snapshot;
