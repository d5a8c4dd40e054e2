package dev.nightshift.faults;

/**
 * Every fault case of the suite, as one static list: docs/faults.md is rendered from it, and each case's test
 * asserts its {@link #line} (the one line that says what happened) and its recovery, so the page cannot claim
 * what the suite does not check. {@link FaultMatrixDocsTest} fails when a case has no test or the page is stale.
 */
enum FaultCase {

    BACKUP_SOURCE_CUT_MID_DUMP("connection cut", "backup", "source, mid-dump (256 kB into pg_dump's stream)",
            "pg_dump failed", "the next `backup` publishes one verified backup"),
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
