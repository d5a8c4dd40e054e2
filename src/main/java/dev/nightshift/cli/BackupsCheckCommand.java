package dev.nightshift.cli;

import dev.nightshift.backup.BackupFreshnessCheck;
import dev.nightshift.backup.notify.Notifier;
import dev.nightshift.config.Targets;
import dev.nightshift.postgres.PgTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Exit 1 when the newest verified backup of a database is missing, older than its maximum age"
                + " (nightshift.backup.freshness.max-age) or much smaller than the one before"
                + " (nightshift.backup.freshness.min-size-ratio); the webhook is told.",
        footer = {"", "Examples:",
                "  nightshift backups check --env prod                   every database of prod",
                "  nightshift backups check --env prod --database auth   one database",
                "", "Exit codes: 0 every database is fine, 1 some is not (each named on stderr), 2 configuration error."})
class BackupsCheckCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment whose backups to check.")
    String environment;

    @Option(names = "--database", paramLabel = "DB", description = "Logical database (repeatable); default: all.")
    List<String> databases;

    @Option(names = "--database-index", paramLabel = "N",
            description = "Only database N (from 0) of the --database list: pod N of a fanned-out Indexed Job.")
    String databaseIndex;

    // every scheduled command takes a run key (CONTRACTS.md): schedulers, CronJobs and crontabs pass one;
    // a check starts no job, so there is no run to resume and the key is not used
    @Option(names = "--run-key", paramLabel = "KEY", description = "Accepted for schedules; a check has no run to resume.")
    String runKey;

    BackupsCheckCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        databases = DatabaseIndex.pick(databases, databaseIndex);
        List<PgTarget> targets = context.bean(Targets.class).resolve(environment, databases);
        BackupFreshnessCheck check = context.bean(BackupFreshnessCheck.class);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant now = Instant.now();
        List<BackupFreshnessCheck.Result> results = targets.stream()
                .map(t -> check.check(environment, t.logicalName(), now)).toList();
        for (BackupFreshnessCheck.Result result : results) {
            if (result.ok()) {
                out.println("ok      " + result.summary());
            } else {
                err.println("FAILED  " + result.problem());
            }
        }
        List<String> problems = results.stream().filter(r -> !r.ok()).map(BackupFreshnessCheck.Result::problem).toList();
        if (problems.isEmpty()) {
            return ExitCodes.OK;
        }
        context.bean(Notifier.class).alert(":warning: nightshift backups check --env " + environment + ": "
                + String.join(" | ", problems));
        return ExitCodes.JOB_FAILED;
    }
}
