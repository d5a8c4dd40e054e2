package dev.nightshift.postgres;

/**
 * Asks a long-running piece of work (a pg_dump, a restore) to give up. Checked by a watcher every half
 * second, so a stop request ends the child process promptly instead of after the whole dump.
 */
@FunctionalInterface
public interface StopSignal {

    StopSignal NEVER = () -> false;

    boolean stopRequested();
}
