package dev.nightshift.maintenance;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** Typed access to one maintenance run's parameters. */
final class MaintenanceRun {

    static final String ENVIRONMENT = "environment";
    static final String DATABASE = "database";
    static final String RUN_KEY = "runKey";
    static final String REPORT_ONLY = "reportOnly";
    static final String REPORT_DIR = "reportDirectory";
    static final String VACUUM_FULL = "vacuumFull";
    static final String CONFIRMED = "confirmedProduction";
    /** table names may hold commas and spaces, never a newline worth keeping */
    static final String SEPARATOR = "\n";

    private final StepExecution step;

    MaintenanceRun(StepExecution step) {
        this.step = step;
    }

    private JobParameters parameters() {
        return step.getJobExecution().getJobParameters();
    }

    String environment() {
        return parameters().getString(ENVIRONMENT);
    }

    String database() {
        return parameters().getString(DATABASE);
    }

    boolean reportOnly() {
        return Boolean.parseBoolean(parameters().getString(REPORT_ONLY, "false"));
    }

    boolean confirmed() {
        return Boolean.parseBoolean(parameters().getString(CONFIRMED, "false"));
    }

    /** Null: the configured directory. */
    Path reportDirectory() {
        String dir = parameters().getString(REPORT_DIR, "");
        return dir.isEmpty() ? null : Path.of(dir);
    }

    List<String> vacuumFull() {
        String names = parameters().getString(VACUUM_FULL, "");
        return names.isEmpty() ? List.of() : Arrays.asList(names.split(SEPARATOR));
    }

    long executionId() {
        return step.getJobExecution().getId();
    }

    long instanceId() {
        return step.getJobExecution().getJobInstance().getInstanceId();
    }

    /** When this execution started: a restart gets a new maintenance window. */
    Instant started() {
        LocalDateTime start = step.getJobExecution().getStartTime();
        return start == null ? Instant.now() : start.atZone(ZoneId.systemDefault()).toInstant();
    }
}
