/**
 * Verification of every value the export writes: fingerprints the originals of the masked columns while a part is
 * masked, checks each written value against its own row's originals and then every spooled value against all of
 * them, and turns the findings into report lines. Used by the export
 * ({@link dev.nightshift.sync.leak.SpoolLeakCheck}, {@link dev.nightshift.sync.leak.OriginalsCollection}) and read
 * back by verification ({@link dev.nightshift.sync.leak.LeakFindings}). It holds originals only as fingerprints and
 * may never write a value, original or masked, anywhere.
 */
package dev.nightshift.sync.leak;
