package dev.nightshift.cli;

import dev.nightshift.backup.BackupJobs;
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

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up databases of an environment: pg_dump, compress, checksum, verify, catalog, retention.",
        footer = {"", "Examples:",
                "  nightshift backup --env prod                      every database of prod",
                "  nightshift backup --env prod --database auth      one database",
                "  nightshift backup --env prod --verify restore     also restore into a scratch database and compare row counts",
                "                                                     (on nightshift.backup.verify-environment's server)",
                "  nightshift backup --env prod --run-key 2026-11-21T02:00   what a CronJob passes: a retried pod resumes the same run"})
class BackupCommand implements Callable<Integer> {

    private final LazyContext context;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment to back up.")
    String environment;

    @Option(names = "--database", paramLabel = "DB", description = "Logical database (repeatable); default: all of the environment.")
    List<String> databases;

    @Option(names = "--database-index", paramLabel = "N",
            description = "Only database N (from 0) of the --database list: pod N of a fanned-out Indexed Job.")
    String databaseIndex;

    @Spec
    CommandSpec spec;

    @Option(names = "--verify", paramLabel = "MODE",
            description = "list (pg_restore --list, the default from nightshift.backup.verify) or restore (full restore into a scratch database).")
    String verify;

    @Option(names = "--confirm-production",
            description = "Allow --verify restore to load its scratch copy on a protected environment's server.")
    boolean confirmed;

    @Option(names = "--run-key", paramLabel = "KEY", description = "Identifies the run; default: the current time.")
    String runKey;

    BackupCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        databases = DatabaseIndex.pick(databases, databaseIndex);
        Targets targets = context.bean(Targets.class);
        List<PgTarget> resolved = targets.resolve(environment, databases);
        resolved.forEach(Preflight::requireReachable);
        java.nio.file.Path binDir = context.bean(dev.nightshift.config.NightshiftProperties.class).postgres().binDir();
        resolved.forEach(target -> Preflight.requireClientFor(target, binDir));
        String mode = verify == null || verify.isBlank()
                ? context.bean(dev.nightshift.config.NightshiftProperties.class).backup().verify().name().toLowerCase()
                : Preflight.verifyMode(verify);
        if ("restore".equals(mode)) {
            // refuse now, not after the dump: the check needs nothing the dump produces
            resolved.forEach(target -> context.bean(BackupJobs.class).checkVerifyByRestoreAllowed(target, confirmed));
        }
        String key = runKey == null ? Instant.now().toString() : runKey;
        return FanOut.of(context, spec).run("backup", resolved, target -> {
            var execution = context.bean(BackupJobs.class).backup(environment, target.logicalName(), mode, confirmed, key);
            return OutcomePrinter.print(spec, JobOutcome.of(execution, "backup of " + target.environment() + "/" + target.logicalName()));
        });
    }
}
