package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.Targets;
import dev.nightshift.jobs.JobOutcome;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.SyncJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a masked snapshot of an environment's databases: the scrubbed schema and every table's"
                + " rows, masked while they are read and checked against the originals, sealed with a SHA-256 per file.",
                "Needs the source's credentials and the masking salt; writes to no database. Unmasked rows exist only in"
                        + " this process's memory."},
        footer = {"", "Examples:",
                "  nightshift sync export --env prod                      every database, into nightshift.sync.snapshot-storage",
                "                                                         (the snapshot directory, or the bucket)",
                "  nightshift sync export --env prod --database auth --to /mnt/snapshots",
                "", "Exit codes: 0 sealed, 1 failed (a leak found, a source error), 2 configuration error."})
class SyncExportCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions scope;

    @Option(names = "--database-index", paramLabel = "N",
            description = "Only database N (from 0) of the --database list: pod N of a fanned-out Indexed Job.")
    String databaseIndex;

    @Option(names = "--to", paramLabel = "DIR", description = "Directory to write the snapshot under; default:"
            + " nightshift.sync.snapshot-storage (nightshift.sync.snapshot-directory, or the bucket of type: s3).")
    Path directory;

    @Option(names = "--source", paramLabel = "auto|backup|live", defaultValue = "auto",
            description = "auto (default): the newest verified backup if young enough, else a live snapshot.")
    String source;

    @Option(names = "--run-key", paramLabel = "KEY", description = "Identifies the run; default: the current time.")
    String runKey;

    SyncExportCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String mode = source.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "backup", "live").contains(mode)) {
            throw new ConfigurationException("--source must be auto, backup or live, was " + source);
        }
        Targets targets = context.bean(Targets.class);
        SyncJobs sync = context.bean(SyncJobs.class);
        List<PgTarget> sources = targets.resolve(scope.environment, DatabaseIndex.pick(scope.databases, databaseIndex));
        Path binDir = context.bean(NightshiftProperties.class).postgres().binDir();
        for (PgTarget target : sources) {
            Preflight.requireReachable(target);
            Preflight.requireClientFor(target, binDir);
            SyncRulesPreflight.require(sync, scope.environment, target.logicalName());
        }
        sync.requireSnapshotStorage(directory);
        String key = runKey == null ? Instant.now().toString() : runKey;
        return FanOut.of(context, spec).run("sync export", sources, List::of, target -> {
            var execution = sync.export(scope.environment, target.logicalName(), directory, mode, key);
            String sealed = sync.report(execution).map(p -> "; snapshot: " + p).orElse("");
            JobOutcome outcome = JobOutcome.of(execution, "export of " + scope.environment + "/" + target.logicalName(),
                    "; no snapshot was sealed; fix the cause and export again" + sealed);
            return OutcomePrinter.print(spec, outcome.exitCode() == ExitCodes.OK
                    ? new JobOutcome(0, outcome.message() + sealed) : outcome);
        });
    }
}
