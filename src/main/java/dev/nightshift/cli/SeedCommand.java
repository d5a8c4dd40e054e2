package dev.nightshift.cli;

import dev.nightshift.config.ProtectedEnvironmentGuard;
import dev.nightshift.config.Targets;
import dev.nightshift.migration.seed.SeedReport;
import dev.nightshift.migration.seed.SeedRunner;
import dev.nightshift.postgres.PgTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = {"Applies seed data from <nightshift.migration.seed-directory>/<db>/: essential/*.sql, then the"
                + " environment's class (development, staging or production: its 'seeds' setting, else its name).",
                "Files run in name order, each in a transaction, recorded with a checksum in nightshift_seed_history in"
                        + " the database itself; unchanged files are skipped, changed ones run again (seeds must be idempotent)."},
        footer = {"", "Examples:",
                "  nightshift seed --env staging",
                "  nightshift seed --env prod --database auth --confirm-production",
                "", "Exit codes: 0 applied, 1 a seed file failed, 2 configuration error, 3 refused (protected environment)."})
class SeedCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions scope;

    @Option(names = "--confirm-production", description = "Allow seeding a protected environment.")
    boolean confirmed;

    SeedCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Targets targets = context.bean(Targets.class);
        String environment = scope.environment;
        List<PgTarget> resolved = targets.resolve(environment, scope.databases);
        ProtectedEnvironmentGuard.checkWrite(targets, environment, confirmed, "seed " + environment);
        SeedRunner seeds = context.bean(SeedRunner.class);
        String seedClass = seeds.seedClassOf(environment);
        resolved.forEach(Preflight::requireReachable);
        for (PgTarget target : resolved) {
            try (Connection connection = target.connect()) {
                SeedReport report = seeds.apply(connection, target.logicalName(), seedClass);
                spec.commandLine().getOut().println(target.describe() + ": essential" + (seedClass == null ? "" : " + " + seedClass)
                        + ": " + report.summary());
            } catch (SQLException e) {
                spec.commandLine().getErr().println(target.describe() + ": " + e.getMessage().lines().findFirst().orElse("")
                        + "; the files before it stay applied; fix it and run the command again");
                return ExitCodes.JOB_FAILED;
            }
        }
        return ExitCodes.OK;
    }
}
