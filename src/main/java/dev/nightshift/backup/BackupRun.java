package dev.nightshift.backup;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;


/**
 * Typed access to one backup run: its parameters and what earlier steps left in the job's execution
 * context for later ones (and for a restart).
 */
final class BackupRun {

    static final String ENVIRONMENT = "environment";
    static final String DATABASE = "database";
    static final String RUN_KEY = "runKey";
    static final String VERIFY = "verify";
    static final String CONFIRMED = "confirmedProduction";

    private static final String ARTIFACT = "backup.artifact";
    private static final String DUMP = "backup.dump";
    private static final String VERIFICATION = "backup.verification";
    private static final String KEY_ID = "backup.keyId";

    private final StepExecution step;

    BackupRun(StepExecution step) {
        this.step = step;
    }

    private JobParameters parameters() {
        return step.getJobExecution().getJobParameters();
    }

    private ExecutionContext context() {
        return step.getJobExecution().getExecutionContext();
    }

    String environment() {
        return parameters().getString(ENVIRONMENT);
    }

    String database() {
        return parameters().getString(DATABASE);
    }

    String verifyMode() {
        return parameters().getString(VERIFY);
    }

    boolean confirmed() {
        return Boolean.parseBoolean(parameters().getString(CONFIRMED, "false"));
    }

    long executionId() {
        return step.getJobExecution().getId();
    }

    JobExecution jobExecution() {
        return step.getJobExecution();
    }

    String describe() {
        return environment() + "/" + database();
    }

    /** The artifact's name in the backup storage. */
    String artifact() {
        return context().getString(ARTIFACT, null);
    }

    void artifact(String artifact) {
        context().putString(ARTIFACT, artifact);
    }

    boolean encrypted() {
        return context().containsKey(KEY_ID);
    }

    long keyId() {
        return context().getLong(KEY_ID);
    }

    void keyId(long keyId) {
        context().putLong(KEY_ID, keyId);
    }

    DumpResult dump() {
        return (DumpResult) context().get(DUMP);
    }

    void dump(DumpResult dump) {
        context().put(DUMP, dump);
    }

    Verification verification() {
        return (Verification) context().get(VERIFICATION);
    }

    void verification(Verification verification) {
        context().put(VERIFICATION, verification);
    }
}
