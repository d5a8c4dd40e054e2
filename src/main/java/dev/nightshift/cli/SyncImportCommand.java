package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.Targets;
import dev.nightshift.jobs.JobOutcome;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.SyncJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load a masked snapshot (written by sync export) into an environment's databases: built in"
                + " <db>__incoming, verified (seal, row counts, constraints, schema), seeded and swapped in atomically;"
                + " the old database is kept as <db>__previous.",
                "Needs the target's credentials only: no masking salt, no access to the source. With --url, a snapshot"
                        + " directory and the target server's URL are enough: no configuration file."},
        footer = {"", "Examples:",
                "  nightshift sync import --env staging                               the latest snapshot of every database",
                "  nightshift sync import --env dev --database auth --snapshot /mnt/snapshots/prod-auth-20261204T020000Z-7",
                "  nightshift sync import --snapshot ./prod-auth-20261204T020000Z-7 --url postgresql://me@localhost/auth",
                "      a laptop, no --config: the password from the URL, PGPASSWORD or ~/.pgpass; the job history",
                "      in nightshift_ops on that server (created if missing; --ops-url for another)",
                "", "Exit codes: 0 swapped in, 1 failed (the target was not touched), 2 configuration error"
                + " (no such snapshot, or no keyset for an encrypted one), 3 refused (a protected target)."})
class SyncImportCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", paramLabel = "ENV", description = "The configured environment to load into (or --url).")
    String environment;

    @Option(names = "--database", paramLabel = "DB", description = "Logical database (repeatable); default: all of"
            + " the environment. With --url: the snapshot's.")
    List<String> databases;

    @Option(names = "--url", paramLabel = "URL", description = "Instead of --env: the server to load into, as"
            + " postgresql://user[:password]@host[:port]/dbname or jdbc:postgresql://host:port/dbname?user=...; dbname"
            + " defaults to the snapshot's logical database. Needs --snapshot PATH; any server the configuration (if"
            + " one is given) marks protected or data: production is refused.")
    String url;

    @Option(names = "--ops-url", paramLabel = "URL", description = "With --url: where the job history goes; default:"
            + " the database nightshift_ops on the --url server, created if missing.")
    String opsUrl;

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
        if (url != null) {
            return intoUrl();
        }
        if (environment == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--env=ENV' (a configured"
                    + " environment), or --url URL (a server, with --snapshot PATH)");
        }
        if (opsUrl != null) {
            throw new ParameterException(spec.commandLine(), "--ops-url goes with --url; with --env, the job history"
                    + " goes to nightshift.ops-database");
        }
        return run(environment, DatabaseIndex.pick(databases, databaseIndex), snapshot,
                (execution, key) -> "nightshift jobs restart " + execution);
    }

    /** The target given by URL: an environment made for this run, with no configuration needed. */
    private Integer intoUrl() {
        if (environment != null) {
            throw new ParameterException(spec.commandLine(), "--url and --env both name the target: use --url alone"
                    + " to load into the server it names, or --env " + environment + " alone to load into that configured"
                    + " environment");
        }
        if (databaseIndex != null) {
            throw new ParameterException(spec.commandLine(), "--database-index goes with --env; --url loads one snapshot");
        }
        Path directory = Path.of(snapshot);
        if (!Files.isDirectory(directory)) {
            throw new ParameterException(spec.commandLine(), "with --url, --snapshot names a snapshot directory (one"
                    + " written by nightshift sync export, or a copy of it); " + snapshot + " is none");
        }
        UrlImport adHoc = UrlImport.of(url, opsUrl, directory.toAbsolutePath(), ConnectionUrl.Defaults.ofProcess());
        if (databases != null && !databases.equals(List.of(adHoc.logical()))) {
            throw new ConfigurationException("the snapshot " + snapshot + " holds database '" + adHoc.logical()
                    + "', not " + String.join(", ", databases) + "; leave --database out with --url");
        }
        adHoc.register(context);
        return run(UrlImport.ENVIRONMENT, List.of(adHoc.logical()), directory.toAbsolutePath().toString(),
                (execution, key) -> "the same command with --run-key " + key);
    }

    /** @param resume how to finish a run whose swap committed, from its execution id and run key */
    private Integer run(String into, List<String> logical, String snapshotArgument, BiFunction<Long, String, String> resume) {
        Targets targets = context.bean(Targets.class);
        SyncJobs sync = context.bean(SyncJobs.class);
        List<PgTarget> targetList = targets.resolve(into, logical);
        if (targetList.size() > 1 && !"latest".equals(snapshotArgument)) {
            throw new ConfigurationException("--snapshot " + snapshotArgument + " names one snapshot, but "
                    + targetList.size() + " databases would be loaded; add --database, or use --snapshot latest");
        }
        for (PgTarget target : targetList) {
            sync.requireWritable(into, target.logicalName());
            sync.locateSnapshot(target.logicalName(), snapshotArgument);
            Preflight.requireReachable(target.withDatabase("postgres"));
        }
        String key = runKey == null ? Instant.now().toString() : runKey;
        return FanOut.of(context, spec).run("sync import", targetList, List::of, target -> {
            var execution = sync.importSnapshot(into, target.logicalName(), snapshotArgument, key);
            String report = sync.report(execution).map(p -> "; report: " + p).orElse("");
            JobOutcome outcome = JobOutcome.of(execution, "import into " + target.describe(),
                    sync.swappedIn(execution)
                            ? "; " + target.describe() + " holds the new copy (the swap was committed); restart the run to"
                            + " finish it: " + resume.apply(execution.getId(), key) + report
                            : "; " + target.describe() + " was not touched; fix the cause and import again" + report);
            return OutcomePrinter.print(spec, outcome.exitCode() == ExitCodes.OK
                    ? new JobOutcome(0, outcome.message() + report) : outcome);
        });
    }
}
