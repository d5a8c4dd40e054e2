package dev.nightshift.schedule;

import java.util.List;

/**
 * What a fired schedule does: run its command line in this process, exactly as the CLI would. The scheduler
 * mode passes the real one (cli.SchedulerCommand); tests pass recorders.
 */
public interface ScheduledRuns {

    /**
     * Runs one scheduled command to its end.
     *
     * @param entry the schedule ({@code prod/backup})
     * @param args  its command line, ending with {@code --run-key KEY}
     * @return the command's exit code
     */
    int run(String entry, List<String> args);

    /** A run that was not started: missed by more than the grace, or superseded by a newer due run. */
    default void skipped(String entry, String runKey) {
    }

    /** Whether this process is shutting down, so a run that ended early must be resumed by another instance. */
    boolean shuttingDown();
}
