package dev.nightshift.backup;

import dev.nightshift.jobs.DatabaseLocks;
import dev.nightshift.jobs.ExclusiveRunLock;

import javax.sql.DataSource;

/** One backup, restore or sync of a database at a time (the lock the sync takes too: {@link DatabaseLocks}). */
final class BackupLock {

    private BackupLock() {
    }

    /** @param environmentParameter the job parameter naming the environment whose database is written or read */
    static ExclusiveRunLock of(DataSource ops, String environmentParameter) {
        return new ExclusiveRunLock(ops, "backup, restore or sync", environmentParameter, BackupRun.DATABASE,
                parameters -> name(parameters.getString(environmentParameter), parameters.getString(BackupRun.DATABASE)));
    }

    static String name(String environment, String logical) {
        return DatabaseLocks.name(environment, logical);
    }
}
