package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.Targets;
import dev.nightshift.migration.StartedBy;
import dev.nightshift.migration.schema.SchemaMigrationReport;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.migration.schema.RehearsalFiles;
import dev.nightshift.migration.schema.RehearsalReport;
import dev.nightshift.migration.schema.SchemaMigrations;
import dev.nightshift.migration.schema.SchemaRehearsal;
import dev.nightshift.migration.schema.SchemaOrder;
import dev.nightshift.migration.schema.SchemaRollback;
import dev.nightshift.migration.schema.SchemaStatus;
import dev.nightshift.postgres.PgTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "migrate-schema", mixinStandardHelpOptions = true,
        description = {"Flyway schema migrations from <nightshift.migration.schema-directory>/<db>/ (V001__initial_schema.sql, V002__add_user_roles.sql ...).",
                "info: applied and pending versions (and the versions Alembic or Prisma keep); validate: the applied"
                        + " migrations are the files, unchanged; migrate: takes a verified backup with the backup job first,"
                        + " refuses when that fails, and names the backup to restore if the change must be undone; several"
                        + " databases migrate in the order of <schema-directory>/dependencies.yml and stop at the first failure,"
                        + " then the essential seeds run; rollback: runs the undo scripts (U002__x.sql) of the versions above"
                        + " --to, newest first, behind a verified backup; rehearse: restores the newest verified backup into a"
                        + " scratch database on the same server and applies, undoes and re-applies each pending version there,"
                        + " reporting per statement its duration, table locks and rewrites (--sql: only print the pending SQL)."},
        footer = {"", "Examples:",
                "  nightshift migrate-schema --env staging info",
                "  nightshift migrate-schema --env prod --database auth validate",
                "  nightshift migrate-schema --env prod --database auth migrate --confirm-production",
                "  nightshift migrate-schema --env prod --database auth rollback --to 002 --confirm-production",
                "  nightshift migrate-schema --env prod --database auth rehearse --confirm-production",
                "  nightshift migrate-schema --env prod --database auth rehearse --sql",
                "", "Exit codes: 0 success, 1 failed (rehearse: also a version whose undo does not restore the schema), 2 configuration error (also: an irreversible version in the way of a"
                        + " rollback without --force), 3 refused (protected environment without --confirm-production)."})
class MigrateSchemaCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "info|validate|migrate|rollback|rehearse", defaultValue = "info",
            description = "What to do (default: ${DEFAULT-VALUE}).")
    String action;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment.")
    String environment;

    @Option(names = "--database", paramLabel = "DB", description = "Logical database (repeatable); default: all of the environment.")
    List<String> databases;

    @Option(names = "--confirm-production", description = "Allow migrate or rollback to change a protected environment's schema, and rehearse to load a scratch database on its server.")
    boolean confirmed;

    @Option(names = "--to", paramLabel = "VERSION", description = "rollback: the version to return to (it stays applied).")
    String to;

    @Option(names = "--force", description = "rollback: also across versions without an undo script (their changes stay;"
            + " their history rows are removed so migrate runs them again).")
    boolean force;

    @Option(names = "--sql", description = "rehearse: print the pending SQL, run nothing.")
    boolean sqlOnly;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "rehearse: where the Markdown and JSON reports go"
            + " (<DIR>/<env>/<db>/); default: nightshift.maintenance.report-directory.")
    java.nio.file.Path reportDirectory;

    @Option(names = "--run-key", paramLabel = "KEY", description = "Identifies the pre-migration backup run; default: the current time.")
    String runKey;

    MigrateSchemaCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!List.of("info", "validate", "migrate", "rollback", "rehearse").contains(action)) {
            throw new ConfigurationException("the action must be info, validate, migrate, rollback or rehearse, was " + action);
        }
        List<PgTarget> targets = context.bean(Targets.class).resolve(environment, databases);
        if (action.equals("rollback")) {
            return rollback(targets);
        }
        if (action.equals("rehearse")) {
            return rehearse(targets);
        }
        if (action.equals("migrate")) {
            targets = context.bean(SchemaOrder.class).order(targets);
        }
        targets.forEach(Preflight::requireReachable);
        if ("migrate".equals(action)) { // a migration starts with a backup
            java.nio.file.Path binDir = context.bean(dev.nightshift.config.NightshiftProperties.class).postgres().binDir();
            targets.forEach(target -> Preflight.requireClientFor(target, binDir));
        }
        SchemaMigrations schema = context.bean(SchemaMigrations.class);
        PrintWriter out = spec.commandLine().getOut();
        int exit = ExitCodes.OK;
        for (int i = 0; i < targets.size() && !(action.equals("migrate") && exit != ExitCodes.OK); i++) {
            PgTarget target = targets.get(i);
            switch (action) {
                case "info" -> info(out, schema.info(target));
                case "validate" -> {
                    List<String> problems = schema.validate(target);
                    if (problems.isEmpty()) {
                        out.println(target.describe() + ": the applied migrations match the files");
                    } else {
                        spec.commandLine().getErr().println(target.describe() + ": validation failed: " + String.join("; ", problems));
                        exit = ExitCodes.JOB_FAILED;
                    }
                }
                default -> {
                    SchemaMigrationReport report = schema.migrate(environment, target.logicalName(), confirmed,
                            runKey == null ? Instant.now().toString() : runKey, StartedBy.current());
                    (report.exitCode() == 0 ? out : spec.commandLine().getErr()).println(report.message());
                    exit = Math.max(exit, report.exitCode());
                    if (exit != ExitCodes.OK && i + 1 < targets.size()) {
                        spec.commandLine().getErr().println("not migrated, since " + target.logicalName() + " failed first: "
                                + String.join(", ", targets.subList(i + 1, targets.size()).stream().map(PgTarget::logicalName).toList()));
                    }
                }
            }
        }
        return exit;
    }

    private int rehearse(List<PgTarget> targets) {
        SchemaRehearsal rehearsal = context.bean(SchemaRehearsal.class);
        PrintWriter out = spec.commandLine().getOut();
        targets.forEach(Preflight::requireReachable);
        int exit = ExitCodes.OK;
        for (PgTarget target : targets) {
            if (sqlOnly) {
                out.print(rehearsal.pendingSql(environment, target.logicalName()));
                continue;
            }
            RehearsalReport report = rehearsal.rehearse(environment, target.logicalName(), confirmed);
            out.println(report.markdown());
            java.nio.file.Path directory = reportDirectory != null ? reportDirectory
                    : context.bean(NightshiftProperties.class).maintenance().reportDirectory();
            RehearsalFiles.write(report, directory, environment, target.logicalName())
                    .forEach(file -> out.println("report: " + file));
            if (report.exitCode() != 0) {
                spec.commandLine().getErr().println(target.describe() + ": the rehearsal failed: a version did not apply, or its"
                        + " undo did not restore the schema (see the report)");
            }
            exit = Math.max(exit, report.exitCode());
        }
        return exit;
    }

    private int rollback(List<PgTarget> targets) {
        if (targets.size() != 1 || to == null) {
            throw new ConfigurationException("rollback needs exactly one --database and --to VERSION (the version to return to)");
        }
        PgTarget target = targets.get(0);
        Preflight.requireReachable(target);
        SchemaMigrationReport report = context.bean(SchemaRollback.class).rollback(environment, target.logicalName(), to,
                confirmed, force, runKey == null ? Instant.now().toString() : runKey, StartedBy.current());
        (report.exitCode() == 0 ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(report.message());
        return report.exitCode();
    }

    private static void info(PrintWriter out, SchemaStatus status) {
        out.println("== " + status.target());
        if (status.location() == null) {
            out.println("  no Nightshift schema migrations for this database");
        } else {
            out.println("  Flyway (" + status.location() + "): version " + (status.current() == null ? "(none)" : status.current())
                    + ", " + status.pending() + " pending");
            status.migrations().forEach(line -> out.println("    " + line));
        }
        status.otherTools().forEach(line -> out.println("  " + line));
    }
}
