/**
 * The target side's load: opens a snapshot ({@link dev.nightshift.sync.load.SnapshotImportTasklet}), creates
 * {@code <db>__incoming} from the pre-data script, streams every table part into it with COPY, committing and
 * checkpointing by chunk so a killed run resumes where it stopped ({@link dev.nightshift.sync.load.TableCopy}; in
 * the one-process sync, {@link dev.nightshift.sync.load.PipelinedLoad} loads each part while later ones are still
 * extracted, committing the same positions),
 * then runs post-data, sequences, the environment's seeds and ANALYZE. Its entry points are these steps. An import
 * needs the target's credentials only: this package may not read the salt or reach the production side (in the
 * one-process sync the schema step also checks the masking rules against the incoming schema).
 */
package dev.nightshift.sync.load;
