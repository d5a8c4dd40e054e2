package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.Targets;
import dev.nightshift.jobs.JobOutcome;
import dev.nightshift.maintenance.MaintenanceJobs;
import dev.nightshift.postgres.PgTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = "VACUUM the tables that need it (within the maintenance window) and write a bloat and health"
                + " report (HTML, Markdown, JSON); exits 1 when a configured alert condition is met.",
        footer = {"", "Examples:",
                "  nightshift maintain --env prod",
                "      every database of prod: vacuum what needs it, report, alerts",
                "  nightshift maintain --env prod --database auth --report-only --report-dir /tmp",
                "      only the report (vacuums nothing), into /tmp/prod/auth/",
                "  nightshift maintain --env prod --database auth \\",
                "      --vacuum-full public.audit_log --confirm-production",
                "      VACUUM FULL locks that table for its whole run",
                "  nightshift maintain --env prod --run-key 2026-11-21T03:00",
                "      what a CronJob passes: a retried pod resumes the same run",
                "",
                "Settings: nightshift.maintenance.* (window, window-end, lock-timeout,",
                "vacuum-dead-percent, alert-xid-age, ...); see README.md."})
class MaintainCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment to maintain.")
    String environment;

    @Option(names = "--database", paramLabel = "DB", description = "Logical database (repeatable); default: all of the environment.")
    List<String> databases;

    @Option(names = "--database-index", paramLabel = "N",
            description = "Only database N (from 0) of the --database list: pod N of a fanned-out Indexed Job.")
    String databaseIndex;

    @Option(names = "--report-only", description = "Write the report, vacuum nothing.")
    boolean reportOnly;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where the reports go; default: nightshift.maintenance.report-directory.")
    Path reportDirectory;

    @Option(names = "--vacuum-full", paramLabel = "TABLE",
            description = "VACUUM FULL this table (schema.table; repeatable). It takes an exclusive lock for its whole run.")
    List<String> vacuumFull;

    @Option(names = "--confirm-production", description = "Allow --vacuum-full on a protected environment.")
    boolean confirmed;

    @Option(names = "--run-key", paramLabel = "KEY", description = "Identifies the run; default: the current time.")
    String runKey;

    MaintainCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        databases = DatabaseIndex.pick(databases, databaseIndex);
        List<String> full = vacuumFull == null ? List.of() : vacuumFull;
        if (reportOnly && !full.isEmpty()) {
            throw new ConfigurationException("--report-only vacuums nothing, so it cannot go with --vacuum-full; drop one of them");
        }
        Targets targets = context.bean(Targets.class);
        List<PgTarget> resolved = targets.resolve(environment, databases);
        resolved.forEach(Preflight::requireReachable);
        if (!reportOnly) {
            // VACUUM writes: refused before the report's reads when the entry reaches a server of another class
            targets.dataClasses().checkWrite(environment, "vacuum " + environment);
        }
        MaintenanceJobs jobs = context.bean(MaintenanceJobs.class);
        resolved.forEach(target -> jobs.checkVacuumFull(target, full, confirmed));
        jobs.checkReportDirectory(reportDirectory);
        String key = runKey == null ? Instant.now().toString() : runKey;
        return FanOut.of(context, spec).run("maintenance", resolved, target -> {
            var execution = jobs.maintain(environment, target.logicalName(), reportOnly, reportDirectory, full, confirmed, key);
            String report = MaintenanceJobs.reportOf(execution).map(r -> "; report: " + r).orElse("");
            String hint = MaintenanceJobs.alerted(execution) ? report
                    : report + "; after fixing the cause, restart it with: nightshift jobs restart " + execution.getId();
            JobOutcome outcome = JobOutcome.of(execution, "maintenance of " + target.environment() + "/" + target.logicalName(), hint);
            int exit = OutcomePrinter.print(spec, outcome);
            if (outcome.exitCode() == ExitCodes.OK) {
                MaintenanceJobs.reportOf(execution).ifPresent(r -> spec.commandLine().getOut().println("report: " + r));
            }
            return exit;
        });
    }
}
