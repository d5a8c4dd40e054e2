package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.jobs.JobOutcome;
import dev.nightshift.migration.DataMigrations;
import dev.nightshift.migration.DryRunReport;
import dev.nightshift.migration.MigrationDefinition;
import dev.nightshift.migration.MigrationHistory;
import dev.nightshift.migration.PreparedMigration;
import dev.nightshift.migration.StartedBy;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "migrate-data", mixinStandardHelpOptions = true,
        description = {"Run a data migration (backfill, transformation, clean-up) in small batches with progress, throttling and resume.",
                "A migration is a file <nightshift.migration.directory>/NAME.yml: database, table, key, typed parameters, the"
                        + " statement for one key range and a remaining query. Each batch is its own transaction with"
                        + " lock_timeout and statement_timeout; its size adapts toward nightshift.migration.target-batch-duration.",
                "Running the same command again (or nightshift jobs restart ID) continues after the last committed batch."},
        footer = {"", "Examples:",
                "  nightshift migrate-data --list                                    the migrations and their parameters",
                "  nightshift migrate-data backfill_email_hash --env staging --dry-run",
                "                            first batches executed and rolled back: rows, durations, plan, estimated total",
                "  nightshift migrate-data backfill_email_hash --env prod --param algorithm=sha512 --confirm-production",
                "  nightshift migrate-data backfill_email_hash --env prod --param algorithm=sha512 --confirm-production --batch-size 200 --pause 100ms",
                "                            the same run continued (after a kill or stop) with smaller batches and a pause",
                "  nightshift migrate-data --history                                 who ran what, when, with which outcome"})
class MigrateDataCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The migration (file name without .yml).")
    String name;

    @Option(names = "--env", paramLabel = "ENV", description = "Environment to migrate.")
    String environment;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A parameter of the migration (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows in the first batch (later ones adapt); not part of the run's identity.")
    Integer batchSize;

    @Option(names = "--pause", paramLabel = "DURATION", description = "Pause after every batch (e.g. 100ms), to spare a busy server.")
    String pause;

    @Option(names = "--dry-run", description = "Execute the first batches in transactions that are rolled back and report; change nothing.")
    boolean dryRun;

    @Option(names = "--confirm-production", description = "Allow the migration to write into a protected environment.")
    boolean confirmed;

    @Option(names = "--run-key", paramLabel = "KEY", defaultValue = "default",
            description = "Identifies the run with the parameters (default: ${DEFAULT-VALUE}); a new key runs a completed migration again.")
    String runKey;

    @Option(names = "--list", description = "List the migrations and their parameters.")
    boolean list;

    @Option(names = "--history", description = "Show the latest runs (of NAME, or of every migration).")
    boolean history;

    MigrateDataCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws SQLException {
        DataMigrations migrations = context.bean(DataMigrations.class);
        if (list) {
            return list(migrations);
        }
        if (history) {
            return history(migrations.history());
        }
        if (name == null || environment == null) {
            throw new ConfigurationException("name a migration and an environment, e.g. nightshift migrate-data NAME --env staging"
                    + " (see: nightshift migrate-data --list)");
        }
        if (batchSize != null && batchSize < 1) {
            throw new ConfigurationException("--batch-size must be at least 1, was " + batchSize);
        }
        Duration pauseDuration = pause();
        PreparedMigration prepared = migrations.prepare(name, environment, params);
        String startedBy = StartedBy.current();
        if (dryRun) {
            return print(migrations.dryRun(prepared, batchSize, startedBy));
        }
        var execution = migrations.run(prepared, runKey, batchSize, pauseDuration, confirmed, startedBy);
        return OutcomePrinter.print(spec, JobOutcome.of(execution, "data migration " + name + " on " + prepared.target().describe(),
                "; after fixing the cause, run the same command again or: nightshift jobs restart " + execution.getId()));
    }

    private Duration pause() {
        try {
            return pause == null ? null : DurationStyle.detectAndParse(pause);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--pause must be a duration such as 100ms or 2s, was " + pause);
        }
    }

    private int list(DataMigrations migrations) {
        PrintWriter out = spec.commandLine().getOut();
        for (MigrationDefinition m : migrations.list()) {
            out.println(m.name() + "  (database " + m.database() + ", table " + m.qualifiedTable() + ", key " + String.join(", ", m.key()) + ")");
            if (m.description() != null) {
                out.println("    " + m.description());
            }
            m.params().values().forEach(p -> out.println("    --param " + p.describe()));
        }
        return ExitCodes.OK;
    }

    private int history(MigrationHistory history) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-6s %-24s %-10s %-13s %-20s %-20s %12s %9s %-15s %s%n", "ID", "MIGRATION", "ENV", "KIND", "STARTED BY",
                "STARTED", "ROWS", "MAX BATCH", "OUTCOME", "PARAMETERS");
        for (MigrationHistory.Entry e : history.recent(name, 50)) {
            out.printf("%-6d %-24s %-10s %-13s %-20s %-20s %12s %9s %-15s %s%n", e.id(), e.migration(), e.environment(), e.kind(),
                    e.startedBy(), e.startedAt().toString().substring(0, 19), e.rows() == null ? "-" : String.format("%,d", e.rows()),
                    e.maxBatchMillis() == null ? "-" : e.maxBatchMillis() + " ms", e.outcome(), e.parameters());
            if (e.message() != null) {
                out.println("       " + e.message());
            }
        }
        return ExitCodes.OK;
    }

    private int print(DryRunReport report) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("dry run of " + name + " on " + environment + ": " + report.batches().size() + " batch(es) executed and rolled back");
        for (DryRunReport.Batch b : report.batches()) {
            out.printf("  batch %-40s %,8d rows walked %,8d rows affected %6d ms%n", b.range(), b.keys(), b.rowsAffected(), b.took().toMillis());
        }
        out.println("plan of the first batch:");
        report.plan().lines().forEach(line -> out.println("  " + line));
        out.println("table rows (estimate): " + String.format("%,d", report.estimatedRows()));
        out.println("estimated duration: " + (report.estimatedDuration() == null ? "-"
                : report.estimatedDuration().toSeconds() + " s at the dry run's rate (batches only; pauses and waits not included)"));
        out.println("nothing was changed");
        return ExitCodes.OK;
    }
}
