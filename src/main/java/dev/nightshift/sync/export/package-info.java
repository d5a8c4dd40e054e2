/**
 * The production side of the sync: takes a source snapshot (a live exported snapshot or a backup), streams
 * each table out with COPY, masks it block by block and writes the masked parts, the scrubbed schema scripts
 * and the manifest into a spool or a snapshot directory, checking every written value for originals on the
 * way. For the one-process sync from a live source it first fingerprints the originals of the masked columns
 * ({@link dev.nightshift.sync.export.OriginalsPass}), so that each part is checked as it is written and handed to
 * the step's {@link dev.nightshift.sync.snapshot.PartSink} (the load) as soon as it is complete. The entry points are the export steps {@link dev.nightshift.sync.export.SyncPrepareTasklet},
 * {@link dev.nightshift.sync.export.SyncExtractTasklet} and {@link dev.nightshift.sync.export.SnapshotSealTasklet}.
 * With the masking rules and the leak checks it is the only code that sees an original value; it may read the
 * target's protection and server version but never write to the target.
 */
package dev.nightshift.sync.export;
