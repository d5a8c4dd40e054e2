package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.Targets;
import dev.nightshift.jobs.JobOutcome;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.SyncJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load a masked snapshot (written by sync export) into an environment's databases: built in"
                + " <db>__incoming, verified (seal, row counts, constraints, schema), seeded and swapped in atomically;"
                + " the old database is kept as <db>__previous.",
                "Needs the target's credentials only: no masking salt, no access to the source."},
        footer = {"", "Examples:",
                "  nightshift sync import --env staging                               the latest snapshot of every database",
                "  nightshift sync import --env dev --database auth --snapshot /mnt/snapshots/prod-auth-20261204T020000Z-7",
                "", "Exit codes: 0 swapped in, 1 failed (the target was not touched), 2 configuration error"
                + " (no such snapshot, or no keyset for an encrypted one), 3 refused (a protected target)."})
class SyncImportCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions scope;

    @Option(names = "--database-index", paramLabel = "N",
            description = "Only database N (from 0) of the --database list: pod N of a fanned-out Indexed Job.")
    String databaseIndex;

    @Option(names = "--snapshot", paramLabel = "latest|ID|PATH", defaultValue = "latest",
            description = "latest (default): the newest sealed snapshot of each database in"
                    + " nightshift.sync.snapshot-storage (the snapshot directory, or the bucket of type: s3); an ID there;"
                    + " or a snapshot directory (one database only).")
    String snapshot;

    @Option(names = "--run-key", paramLabel = "KEY", description = "Identifies the run; default: the current time.")
    String runKey;

    SyncImportCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Targets targets = context.bean(Targets.class);
        SyncJobs sync = context.bean(SyncJobs.class);
        List<PgTarget> into = targets.resolve(scope.environment, DatabaseIndex.pick(scope.databases, databaseIndex));
        if (into.size() > 1 && !"latest".equals(snapshot)) {
            throw new ConfigurationException("--snapshot " + snapshot + " names one snapshot, but " + into.size()
                    + " databases would be loaded; add --database, or use --snapshot latest");
        }
        for (PgTarget target : into) {
            sync.requireWritable(scope.environment, target.logicalName());
            sync.locateSnapshot(target.logicalName(), snapshot);
            Preflight.requireReachable(target.withDatabase("postgres"));
        }
        String key = runKey == null ? Instant.now().toString() : runKey;
        return FanOut.of(context, spec).run("sync import", into, List::of, target -> {
            var execution = sync.importSnapshot(scope.environment, target.logicalName(), snapshot, key);
            String report = sync.report(execution).map(p -> "; report: " + p).orElse("");
            JobOutcome outcome = JobOutcome.of(execution, "import into " + target.describe(),
                    sync.swappedIn(execution)
                            ? "; " + target.describe() + " holds the new copy (the swap was committed); restart the run to"
                            + " finish it: nightshift jobs restart " + execution.getId() + report
                            : "; " + target.describe() + " was not touched; fix the cause and import again" + report);
            return OutcomePrinter.print(spec, outcome.exitCode() == ExitCodes.OK
                    ? new JobOutcome(0, outcome.message() + report) : outcome);
        });
    }
}
