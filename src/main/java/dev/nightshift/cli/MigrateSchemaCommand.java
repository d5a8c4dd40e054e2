package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.Targets;
import dev.nightshift.migration.StartedBy;
import dev.nightshift.migration.schema.SchemaMigrationReport;
import dev.nightshift.migration.schema.SchemaMigrations;
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
                        + " refuses when that fails, and names the backup to restore if the change must be undone."},
        footer = {"", "Examples:",
                "  nightshift migrate-schema --env staging info",
                "  nightshift migrate-schema --env prod --database auth validate",
                "  nightshift migrate-schema --env prod --database auth migrate --confirm-production"})
class MigrateSchemaCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "info|validate|migrate", defaultValue = "info",
            description = "What to do (default: ${DEFAULT-VALUE}).")
    String action;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment.")
    String environment;

    @Option(names = "--database", paramLabel = "DB", description = "Logical database (repeatable); default: all of the environment.")
    List<String> databases;

    @Option(names = "--confirm-production", description = "Allow migrate to change a protected environment's schema.")
    boolean confirmed;

    @Option(names = "--run-key", paramLabel = "KEY", description = "Identifies the pre-migration backup run; default: the current time.")
    String runKey;

    MigrateSchemaCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!List.of("info", "validate", "migrate").contains(action)) {
            throw new ConfigurationException("the action must be info, validate or migrate, was " + action);
        }
        List<PgTarget> targets = context.bean(Targets.class).resolve(environment, databases);
        targets.forEach(Preflight::requireReachable);
        if ("migrate".equals(action)) { // a migration starts with a backup
            java.nio.file.Path binDir = context.bean(dev.nightshift.config.NightshiftProperties.class).postgres().binDir();
            targets.forEach(target -> Preflight.requireClientFor(target, binDir));
        }
        SchemaMigrations schema = context.bean(SchemaMigrations.class);
        PrintWriter out = spec.commandLine().getOut();
        int exit = ExitCodes.OK;
        for (PgTarget target : targets) {
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
                }
            }
        }
        return exit;
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
