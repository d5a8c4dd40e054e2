package dev.nightshift.backup;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/** Typed access to a restore run's parameters. */
final class RestoreRun {

    static final String FROM = "from";
    static final String DATABASE = "database";
    static final String BACKUP_ID = "backupId";
    static final String INTO = "environment";
    static final String RUN_KEY = "runKey";
    static final String CONFIRMED = "confirmedProduction";

    private final JobParameters parameters;
    private final long executionId;

    RestoreRun(StepExecution step) {
        this.parameters = step.getJobExecution().getJobParameters();
        this.executionId = step.getJobExecution().getId();
    }

    String from() {
        return parameters.getString(FROM);
    }

    String database() {
        return parameters.getString(DATABASE);
    }

    long backupId() {
        return parameters.getLong(BACKUP_ID);
    }

    String into() {
        return parameters.getString(INTO);
    }

    /** Whether the operator passed --confirm-production; the job checks it again, whoever launched it. */
    boolean confirmed() {
        return Boolean.parseBoolean(parameters.getString(CONFIRMED, "false"));
    }

    long executionId() {
        return executionId;
    }

    /** Marks the copy this run swaps in, the same across restarts: a restarted swap recognises its own. */
    String swapMarker() {
        return "nightshift restore of backup #" + backupId() + " of " + from() + "/" + database() + ", run "
                + parameters.getString(RUN_KEY);
    }

    /** The live database's name while its replacement takes its place, until it is dropped. */
    static String replacedName(String database) {
        return database + "__replaced";
    }

    /** Where the backup is restored first; the live database is replaced only once this is complete. */
    static String incomingName(String database) {
        return database + "__incoming";
    }
}
