package dev.nightshift.cli;

/** Exit codes every command uses, so scripts and CronJobs can tell failures apart. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int USAGE = 2;
    public static final int REFUSED = 3;

    private ExitCodes() {
    }
}
