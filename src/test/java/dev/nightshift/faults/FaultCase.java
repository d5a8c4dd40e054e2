package dev.nightshift.faults;

/**
 * Every fault case of the suite, as one static list: docs/faults.md is rendered from it, and each case's test
 * asserts its {@link #line} (the one line that says what happened) and its recovery, so the page cannot claim
 * what the suite does not check. {@link FaultMatrixDocsTest} fails when a case has no test or the page is stale.
 */
enum FaultCase {

    BACKUP_SOURCE_CUT_MID_DUMP("connection cut", "backup", "source, mid-dump (256 kB into pg_dump's stream)",
            "pg_dump failed", "the next `backup` publishes one verified backup with every row"),
    BACKUP_SOURCE_RESTART_MID_DUMP("server restart (`pg_ctl restart -m fast`)", "backup", "source, mid-dump",
            "pg_dump failed", "the next `backup` publishes one verified backup with every row"),
    BACKUP_SOURCE_STALL_MID_DUMP("stalled server (TCP still answers)", "backup", "source, mid-dump (256 kB into pg_dump's"
            + " stream; stall-timeout 2s)", "made no progress", "ends within the limit; the next `backup` publishes one"
            + " verified backup with every row"),
    BACKUP_DIRECTORY_FULL("full disk", "backup", "backup directory fills up mid-write",
            "No space left on device", "once there is room, the next `backup` publishes one verified backup"),
    BACKUP_OPS_CUT_MID_RUN("connection cut", "backup", "ops database, mid-dump (the lock check or the stop check notices first)",
            "the ops database", "the next `backup` publishes one verified backup with every row"),
    BACKUP_OPS_STALL_MID_RUN("stalled connection", "backup", "ops database, mid-dump (socket-timeout 2s)",
            "lost the ops database mid-run", "ends within the limits; the run, left STARTED, shows as dead;"
            + " `jobs restart` completes it with one verified backup"),
    BACKUP_OPS_RESTART_MID_RUN("server restart (`pg_ctl restart -m fast`)", "backup", "ops database, mid-dump",
            "the ops database", "the next `backup` publishes one verified backup with every row"),
    RESTORE_TARGET_CUT_MID_LOAD("connection cut", "restore", "target, mid-load (64 kB into pg_restore's stream)",
            "pg_restore failed", "the live database is untouched; the next `restore` replaces it with the backup"),
    RESTORE_TARGET_RESTART_MID_LOAD("server restart (`pg_ctl restart -m fast`)", "restore", "target, mid-load",
            "pg_restore failed", "the live database is untouched; the next `restore` replaces it with the backup"),
    RESTORE_TARGET_STALL_MID_LOAD("stalled server (TCP still answers)", "restore", "target, mid-load (64 kB into"
            + " pg_restore's stream; stall-timeout 2s)", "made no progress", "ends within the limit; the live database is"
            + " untouched; the next `restore` replaces it with the backup"),
    RESTORE_OPS_RESTART_MID_LOAD("server restart (`pg_ctl restart -m fast`)", "restore", "ops database, as pg_restore"
            + " starts", "the ops database", "the live database is untouched; the next `restore` replaces it with the backup"),
    MIGRATION_TARGET_CUT_MID_BATCH("connection cut", "migrate-data", "target, between a batch's statement and its commit",
            "Connection reset", "`jobs restart` settles the pending batch and finishes: every row exactly once"),
    MIGRATION_OPS_CUT_AFTER_COMMIT("connection cut", "migrate-data", "ops database, between the target commit and the bookkeeping",
            "recording it in the ops database failed", "`jobs restart` finds the batch committed, records it, and finishes: every row exactly once"),
    MIGRATION_TARGET_STALL("stalled connection", "migrate-data", "target, at a batch's commit (socket-timeout 2s)",
            "a database stopped answering", "ends within the timeout; `jobs restart` finishes: every row exactly once"),
    MIGRATION_TARGET_RESTART_MID_BATCH("server restart (`pg_ctl restart -m fast`)", "migrate-data", "target, between a batch's statement and its commit",
            "lost the connection to a database server", "`jobs restart` settles the pending batch and finishes: every row exactly once"),
    MIGRATION_OPS_RESTART_AFTER_COMMIT("server restart (`pg_ctl restart -m fast`)", "migrate-data", "ops database,"
            + " between the target commit and the bookkeeping", "recording it in the ops database failed", "`jobs restart` finds the batch committed,"
            + " records it, and finishes: every row exactly once"),
    SCHEMA_MIGRATION_TARGET_STALL("stalled server (TCP still answers)", "migrate-schema", "target, 1 kB into Flyway's"
            + " migration (stall-timeout 2s)", "schema migration of", "ends within the limit with the backup to return"
            + " to; the version is not recorded as applied; the next `migrate-schema migrate` migrates"),
    SYNC_EXPORT_SOURCE_CUT_MID_TABLE("connection cut", "sync export", "source, after a table's first rows were masked"
            + " (every connection: the COPYs and the schema's pg_dump, whichever notices first)",
            "the connection", "no unsealed snapshot is left; the next `sync export` seals a complete one"),
    SYNC_EXPORT_SOURCE_RESTART_MID_TABLE("server restart (`pg_ctl restart -m fast`)", "sync export", "source, after a table's first rows were masked"
            + " (the COPYs or the schema's pg_dump, whichever notices first)", "the connection", "no unsealed snapshot is left; the next `sync export` seals a complete one"),
    SYNC_SNAPSHOT_DIRECTORY_FULL("full disk", "sync export", "snapshot directory fills up mid-write",
            "No space left on device", "no unsealed snapshot is left; once there is room, the next `sync export` seals"
            + " a complete one"),
    SYNC_IMPORT_TARGET_CUT_MID_LOAD("connection cut", "sync import", "target, after the first committed chunk",
            "lost the connection to a database server", "the target database is untouched and `__incoming` dropped; the next `sync import` swaps in"
            + " every row of the snapshot"),
    SYNC_IMPORT_TARGET_STALL_MID_LOAD("stalled server (TCP still answers)", "sync import", "target, after the first"
            + " committed chunk (stall-timeout 2s)", "made no progress", "ends within the limit; the target database is"
            + " untouched and `__incoming` dropped; the next `sync import` swaps in every row of the snapshot"),
    SYNC_IMPORT_TARGET_RESTART_MID_LOAD("server restart (`pg_ctl restart -m fast`)", "sync import",
            "target, after the first committed chunk", "lost the connection to a database server", "the target database is untouched and"
            + " `__incoming` dropped; the next `sync import` swaps in every row of the snapshot"),
    SYNC_TARGET_RESTART_MID_LOAD("server restart (`pg_ctl restart -m fast`)", "sync", "target, after the first committed chunk",
            "lost the connection to a database server", "the target database is untouched, `__incoming` dropped and the spool"
            + " removed; the next `sync` swaps in every row"),
    SYNC_TARGET_STALL_MID_LOAD("stalled server (TCP still answers)", "sync", "target, after the first committed chunk"
            + " (stall-timeout 2s)", "made no progress", "ends within the limit; the target database is untouched,"
            + " `__incoming` dropped and the spool removed; the next `sync` swaps in every row"),
    SYNC_TARGET_STALL_POST_DATA("stalled server (TCP still answers)", "sync", "target, as the indexes are built (psql"
            + " of the post-data script; stall-timeout 2s)", "made no progress", "ends within the limit; the target"
            + " database is untouched, `__incoming` dropped and the spool removed; the next `sync` swaps in every row"),
    SYNC_EXPORT_SOURCE_STALL_MID_TABLE("stalled server (TCP still answers)", "sync export", "source, after a table's first"
            + " rows were masked (stall-timeout 2s)", "made no progress", "ends within the limit; no unsealed snapshot is"
            + " left; the next `sync export` seals a complete one"),
    SYNC_OPS_RESTART_MID_LOAD("server restart (`pg_ctl restart -m fast`)", "sync", "ops database, after the first"
            + " committed chunk", "the ops database", "the target database is untouched; `__incoming` and the spool are kept"
            + " for `jobs restart`, which resumes the load and swaps in every row, leaving neither behind"),
    SYNC_WORK_DIRECTORY_FULL("full disk", "sync", "work directory (the spool) fills up mid-extract",
            "No space left on device", "the target database is untouched and no spool is left; once there is room, the next"
            + " `sync` swaps in every row"),
    MAINTENANCE_CUT_MID_VACUUM("connection cut", "maintain", "target, while VACUUM runs",
            "VACUUM of public.orders failed", "the next `maintain` vacuums the table"),
    MAINTENANCE_RESTART_MID_VACUUM("server restart (`pg_ctl restart -m fast`)", "maintain", "target, while VACUUM runs",
            "VACUUM of public.orders failed", "the next `maintain` vacuums the table"),
    MAINTENANCE_STALL_MID_VACUUM("stalled server (TCP still answers)", "maintain", "target, while VACUUM runs"
            + " (stall-timeout 2s)", "VACUUM of public.orders made no progress", "ends within the limit; the next"
            + " `maintain` vacuums the table"),
    MAINTENANCE_OPS_RESTART_MID_VACUUM("server restart (`pg_ctl restart -m fast`)", "maintain", "ops database, as"
            + " VACUUM starts", "its connection to the ops database was closed", "the VACUUM finished, but the run lost its"
            + " locks and is FAILED; the next `maintain` completes and writes its report"),
    SCHEDULER_OPS_CUT_WHILE_RUNNING("connection cut", "scheduler", "ops database, while a fired schedule runs (every"
            + " connection: Quartz's and the run's)", "the ops database", "the scheduler stays up, says so in one line, and fires"
            + " the next run once the ops database answers; no fire runs twice; the cut run shows FAILED (or dead) and"
            + " `jobs restart` completes it"),
    SCHEDULER_OPS_RESTART_WHILE_RUNNING("server restart (`pg_ctl restart -m fast`)", "scheduler", "ops database,"
            + " while a fired schedule runs", "the ops database", "the scheduler stays up and fires the next run; no fire runs"
            + " twice; `jobs restart` completes the restarted run"),
    ;

    final String fault;
    final String job;
    final String point;
    /** A fragment of the one line the run prints about the fault; the case asserts it. */
    final String line;
    final String recovery;

    FaultCase(String fault, String job, String point, String line, String recovery) {
        this.fault = fault;
        this.job = job;
        this.point = point;
        this.line = line;
        this.recovery = recovery;
    }
}
