package dev.nightshift.cli;

import dev.nightshift.backup.BackupJobs;
import dev.nightshift.backup.TestRestoreHistory;
import dev.nightshift.config.Targets;
import dev.nightshift.jobs.JobOutcome;
import dev.nightshift.postgres.PgTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "test-restore", mixinStandardHelpOptions = true,
        description = "Restore the newest verified backup of each database into a throwaway database, time it (the"
                + " measured RTO), compare it with the backup's manifest, record the result (shown by nightshift"
                + " backups) and drop the throwaway database.",
        footer = {"", "The throwaway database goes where a restore verification goes: the server of"
                + " nightshift.backup.verify-environment, else the source's own server, which needs --confirm-production"
                + " when the environment is protected.",
                "", "Examples:",
                "  nightshift backups test-restore --env prod",
                "  nightshift backups test-restore --env prod --database auth",
                "  nightshift backups test-restore --env prod --run-key 2026-11-22T03:00",
                "", "Exit codes: 0 every restore passed, 1 one failed, 2 configuration error, 3 refused (protected server)."})
class BackupsTestRestoreCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment whose backups to test.")
    String environment;

    @Option(names = "--database", paramLabel = "DB", description = "Logical database (repeatable); default: all.")
    List<String> databases;

    @Option(names = "--database-index", paramLabel = "N",
            description = "Only database N (from 0) of the --database list: pod N of a fanned-out Indexed Job.")
    String databaseIndex;

    @Option(names = "--confirm-production",
            description = "Allow the throwaway database on a protected environment's server.")
    boolean confirmed;

    @Option(names = "--run-key", paramLabel = "KEY", description = "Identifies the run; default: the current time.")
    String runKey;

    BackupsTestRestoreCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        databases = DatabaseIndex.pick(databases, databaseIndex);
        List<PgTarget> targets = context.bean(Targets.class).resolve(environment, databases);
        BackupJobs jobs = context.bean(BackupJobs.class);
        // refuse before anything runs: the check needs nothing but the configuration
        targets.forEach(target -> jobs.checkVerifyByRestoreAllowed(target, confirmed));
        String key = runKey == null ? Instant.now().toString() : runKey;
        return FanOut.of(context, spec).run("test restore", targets, target -> {
            var execution = jobs.testRestore(environment, target.logicalName(), confirmed, key);
            String what = "test restore of " + environment + "/" + target.logicalName();
            int exit = OutcomePrinter.print(spec, JobOutcome.of(execution, what));
            context.bean(TestRestoreHistory.class).latest(environment, target.logicalName(), execution.getId())
                    .ifPresent(r -> spec.commandLine().getOut().printf("  %s/%s backup #%d: %s in %.1f s (measured RTO); %s%n",
                            environment, target.logicalName(), r.backupId(), r.succeeded() ? "passed" : "FAILED",
                            r.durationMs() / 1000.0, r.detail()));
            return exit;
        });
    }
}
