package dev.nightshift.sync.load;

/**
 * Where the copy of a spool file goes on after a restart, from the two records of its progress: the
 * checkpoint in the job repository and the position committed with the rows in the incoming database.
 *
 * <p>The incoming database is the truth about which rows it holds. It is usually ahead of the checkpoint
 * (a kill between the two commits): the reader opens at the checkpoint and skips the rows already there. It
 * can also be behind: the load commits asynchronously ({@code synchronous_commit = off}, much faster with a
 * commit per chunk), so a crash of the target server can lose its last chunks after the checkpoint recorded
 * them. Then the reader opens at the incoming database's own position and those rows are copied again.
 *
 * @param offset   the byte offset to open the spool file at
 * @param rows     the rows before that offset
 * @param skipRows rows after the offset the incoming database already holds: read and masked, not written
 */
record ResumePoint(long offset, long rows, long skipRows) {

    static ResumePoint of(LoadProgress.Position committed, long checkpointOffset, long checkpointRows) {
        if (committed.rows() < checkpointRows) {
            return new ResumePoint(committed.offset(), committed.rows(), 0);
        }
        return new ResumePoint(checkpointOffset, checkpointRows, committed.rows() - checkpointRows);
    }

    boolean behindCheckpoint(long checkpointRows) {
        return rows < checkpointRows;
    }
}
