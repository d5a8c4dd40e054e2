package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.Targets;
import dev.nightshift.jobs.JobOutcome;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.SyncCheck;
import dev.nightshift.sync.SyncJobs;
import dev.nightshift.sync.masking.ColumnContent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "sync", mixinStandardHelpOptions = true, subcommands = {SyncExportCommand.class, SyncImportCommand.class},
        description = {"Copy databases of one environment into another with personal data masked on the way.",
                "Rows are masked before they reach the target server; the copy is built in <db>__incoming, verified"
                        + " (row counts, constraints, leak scan, schema) and only then swapped in; the old database is"
                        + " kept as <db>__previous. A protected environment is never a target.",
                "Masking rules: <nightshift.sync.rules-directory>/<db>.yml; salt: $NIGHTSHIFT_MASKING_SALT or"
                        + " nightshift.sync.salt-file."},
        footer = {"", "Examples:",
                "  nightshift sync --from prod --to staging                        every database both environments have",
                "  nightshift sync --from prod --to staging --database auth        one database",
                "  nightshift sync --from prod --to staging --source live          skip the backup, dump the live database",
                "  nightshift sync --from prod --to staging --database auth --check",
                "                                validate the rules, show 5 masked rows per masked table; writes nothing",
                "  nightshift jobs restart 42      resume a stopped or killed sync from its last committed chunk",
                "  nightshift sync export --env prod --database auth             a masked snapshot (production side)",
                "  nightshift sync import --env staging --database auth          load the latest snapshot (target side)"})
class SyncCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    // not required by picocli: `sync export --env E` must not need a --from before `export`
    @Option(names = "--from", paramLabel = "ENV", description = "Environment to copy from (read only; required).")
    String from;

    @Option(names = "--to", paramLabel = "ENV", description = "Environment whose databases are replaced (required).")
    String to;

    @Option(names = "--database", paramLabel = "DB",
            description = "Logical database (repeatable); default: every database configured in both environments.")
    List<String> databases;

    @Option(names = "--database-index", paramLabel = "N",
            description = "Only database N (from 0) of the --database list: pod N of a fanned-out Indexed Job.")
    String databaseIndex;

    @Option(names = "--source", paramLabel = "auto|backup|live", defaultValue = "auto",
            description = "auto (default): the newest verified backup if younger than nightshift.sync.max-backup-age,"
                    + " else a live snapshot; backup or live force one.")
    String source;

    @Option(names = "--check", description = "Validate the masking rules against the source, sample the kept columns'"
            + " content and print masked samples; write nothing.")
    boolean check;

    @Option(names = "--show-originals", description = "With --check: print each sample's original value next to"
            + " its masked one. Originals are production data: only where production data may be shown.")
    boolean showOriginals;

    @Option(names = "--run-key", paramLabel = "KEY", description = "Identifies the run; default: the current time.")
    String runKey;

    SyncCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws SQLException {
        if (from == null || to == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: " + (from == null ? "'--from=ENV'" : "'--to=ENV'"));
        }
        databases = DatabaseIndex.pick(databases, databaseIndex);
        String mode = source.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "backup", "live").contains(mode)) {
            throw new ConfigurationException("--source must be auto, backup or live, was " + source);
        }
        Targets targets = context.bean(Targets.class);
        SyncJobs sync = context.bean(SyncJobs.class);
        List<String> logical = databases != null ? databases : common(targets);
        if (showOriginals && !check) {
            throw new ConfigurationException("--show-originals only goes with --check");
        }
        if (!check) {
            logical.forEach(db -> sync.requireWritable(to, db));
        }
        java.nio.file.Path binDir = context.bean(dev.nightshift.config.NightshiftProperties.class).postgres().binDir();
        for (String db : logical) {
            Preflight.requireReachable(targets.resolve(from, db));
            Preflight.requireReachable(targets.resolve(to, db).withDatabase("postgres"));
            if (!check) {
                Preflight.requireClientFor(targets.resolve(from, db), binDir);
            }
        }
        return check ? check(sync, logical) : run(sync, targets, logical, mode);
    }

    private int run(SyncJobs sync, Targets targets, List<String> logical, String mode) throws SQLException {
        for (String db : logical) {
            SyncRulesPreflight.require(sync, from, db);
        }
        String key = runKey == null ? Instant.now().toString() : runKey;
        List<PgTarget> staging = logical.stream().map(db -> targets.resolve(to, db)).toList();
        return FanOut.of(context, spec).run("sync", staging, target -> List.of(targets.resolve(from, target.logicalName()), target),
                target -> {
            String db = target.logicalName();
            var execution = sync.sync(from, to, db, mode, key);
            String report = sync.report(execution).map(p -> "; report: " + p).orElse("");
            JobOutcome outcome = JobOutcome.of(execution, "sync of " + from + "/" + db + " into " + target.describe(),
                    sync.swappedIn(execution)
                            ? "; " + target.describe() + " holds the new copy (the swap was committed); restart the run to"
                            + " finish it: nightshift jobs restart " + execution.getId() + report
                            : "; " + target.describe() + " was not touched; fix the cause and run the sync again" + report);
            return OutcomePrinter.print(spec, outcome.exitCode() == ExitCodes.OK
                    ? new JobOutcome(0, outcome.message() + report) : outcome);
        });
    }

    private int check(SyncJobs sync, List<String> logical) throws SQLException {
        PrintWriter out = spec.commandLine().getOut();
        int exit = ExitCodes.OK;
        for (String db : logical) {
            SyncCheck.Result result = SyncRulesPreflight.check(sync, from, db, 5);
            out.println("== " + from + "/" + db + (result.rulesFileExists() ? "" : " (no rules file yet: every column is listed)"));
            out.println(result.report().describe());
            printContent(out, result);
            String table = null;
            for (SyncCheck.Sample sample : result.samples()) {
                if (!sample.table().equals(table)) {
                    table = sample.table();
                    out.println(table + ":");
                }
                out.println("  " + sample.column() + ": " + (showOriginals ? sample.before() + "  ->  " : "")
                        + sample.after());
            }
            if (!result.report().ok()) {
                exit = ExitCodes.USAGE;
            }
        }
        return exit;
    }

    /** Counts per column and detector, never a value. */
    private static void printContent(PrintWriter out, SyncCheck.Result result) {
        List<ColumnContent> personal = result.content().stream().filter(ColumnContent::looksPersonal).toList();
        out.println("content sample of " + result.content().size() + " kept text column(s): "
                + (personal.isEmpty() ? "nothing looks personal" : personal.size() + " look personal"));
        personal.forEach(c -> out.println("  " + c.table() + "." + c.column() + ": " + c.describe()));
        result.warnings().forEach(w -> out.println("warning: " + w));
    }

    private List<String> common(Targets targets) {
        var source = targets.environment(from).databases().keySet();
        List<String> both = targets.environment(to).databases().keySet().stream().filter(source::contains).toList();
        if (both.isEmpty()) {
            throw new ConfigurationException("environments " + from + " and " + to + " have no logical database in"
                    + " common; configure the same names under nightshift.environments.<env>.databases");
        }
        return both;
    }
}
