package dev.nightshift.maintenance;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.ProtectedEnvironmentGuard;
import dev.nightshift.config.Targets;
import dev.nightshift.jobs.JobRunner;
import dev.nightshift.postgres.PgTarget;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The maintenance job's public entry point. Identity: environment, database and run key; whether to vacuum,
 * where the report goes and the VACUUM FULL tables are run-control knobs a restart may change.
 */
@Component
public class MaintenanceJobs {

    static final String REPORT_KEY = "maintenance.report";

    private final JobRunner runner;
    private final Targets targets;
    private final NightshiftProperties properties;
    private final Job maintenanceJob;

    MaintenanceJobs(JobRunner runner, Targets targets, NightshiftProperties properties,
                    @Qualifier("maintenanceJob") Job maintenanceJob) {
        this.runner = runner;
        this.targets = targets;
        this.properties = properties;
        this.maintenanceJob = maintenanceJob;
    }

    /**
     * Refuses what a run would refuse later, before anything starts: VACUUM FULL on a protected environment
     * without confirmation (SafetyGuardException), a table that does not exist (ConfigurationException).
     */
    public void checkVacuumFull(PgTarget target, List<String> tables, boolean confirmedProduction) {
        if (tables.isEmpty()) {
            return;
        }
        ProtectedEnvironmentGuard.checkWrite(targets, target.environment(), confirmedProduction,
                "VACUUM FULL (it locks the table for its whole run) in " + target.describe());
        VacuumFullTables.resolve(target, tables);
    }

    /**
     * The directory the reports of a run will go to, created now if needed: a directory that cannot be written
     * is a configuration error before anything runs, not a failure after the VACUUMs.
     */
    public Path checkReportDirectory(Path override) {
        Path directory = override != null ? override : properties.maintenance().reportDirectory();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConfigurationException("cannot create the report directory " + directory + " (" + e
                    + "); set nightshift.maintenance.report-directory or pass --report-dir");
        }
        if (!Files.isWritable(directory)) {
            throw new ConfigurationException("the report directory " + directory + " is not writable; set"
                    + " nightshift.maintenance.report-directory or pass --report-dir");
        }
        return directory;
    }

    /** Runs maintenance of one logical database to its end; {@code reportDirectory} null = the configured one. */
    public JobExecution maintain(String environment, String logical, boolean reportOnly, Path reportDirectory,
                                 List<String> vacuumFull, boolean confirmedProduction, String runKey) {
        JobParameters parameters = new JobParametersBuilder()
                .addString(MaintenanceRun.ENVIRONMENT, environment)
                .addString(MaintenanceRun.DATABASE, logical)
                .addString(MaintenanceRun.RUN_KEY, runKey)
                .addString(MaintenanceRun.REPORT_ONLY, Boolean.toString(reportOnly), false)
                .addString(MaintenanceRun.REPORT_DIR, reportDirectory == null ? "" : reportDirectory.toAbsolutePath().toString(), false)
                .addString(MaintenanceRun.VACUUM_FULL, String.join(MaintenanceRun.SEPARATOR, vacuumFull), false)
                .addString(MaintenanceRun.CONFIRMED, Boolean.toString(confirmedProduction), false)
                .toJobParameters();
        return runner.run(maintenanceJob, parameters);
    }

    /** Whether an execution failed only because the report met alert conditions (the work itself was done). */
    public static boolean alerted(JobExecution execution) {
        return execution.getAllFailureExceptions().stream().anyMatch(MaintenanceAlertException.class::isInstance);
    }

    /** The HTML report an execution wrote, if it got that far. */
    public static Optional<String> reportOf(JobExecution execution) {
        return Optional.ofNullable(execution.getExecutionContext().getString(REPORT_KEY, null));
    }
}
