package dev.nightshift.backup;

/**
 * What one re-read of a stored artifact found.
 *
 * @param outcome {@code PASSED}: checksum, table of contents and row counts as cataloged; {@code FAILED}: the
 *                artifact is damaged, missing or unreadable as an archive (the catalog marks it for good);
 *                {@code NOT_READ}: the storage or the keyset could not be used, which says nothing about the
 *                artifact, so nothing is recorded
 * @param detail  one line: what was checked, or what was wrong and what to do
 */
public record RereadResult(long backupId, String environment, String logicalDatabase, String artifact,
                           Outcome outcome, String detail) {

    public enum Outcome { PASSED, FAILED, NOT_READ }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
