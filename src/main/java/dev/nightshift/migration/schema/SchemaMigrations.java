package dev.nightshift.migration.schema;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.ProtectedEnvironmentGuard;
import dev.nightshift.config.Targets;
import dev.nightshift.migration.MigrationHistory;
import dev.nightshift.migration.seed.SeedRunner;
import dev.nightshift.postgres.Failpoint;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StallWatch;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flyway schema migrations over {@code <schema-directory>/<logical-db>/V001__x.sql}: info, validate, and
 * migrate behind a verified backup taken first with the backup job — no backup, no migration — so the report
 * can name the backup to restore if the change must be undone.
 */
@Component
public class SchemaMigrations {

    private final Targets targets;
    private final FlywayTargets flyways;
    private final PreChangeBackup backups;
    private final MigrationHistory history;
    private final SeedRunner seeds;

    SchemaMigrations(Targets targets, FlywayTargets flyways, PreChangeBackup backups, MigrationHistory history,
                     SeedRunner seeds) {
        this.targets = targets;
        this.flyways = flyways;
        this.backups = backups;
        this.history = history;
        this.seeds = seeds;
    }

    public SchemaStatus info(PgTarget target) {
        Optional<Path> location = flyways.location(target);
        List<String> others;
        try (Connection connection = target.connect()) {
            others = OtherSchemaTools.describe(connection);
        } catch (SQLException e) {
            throw new ConfigurationException("cannot connect to " + target.describe() + ": " + e.getMessage(), e);
        }
        if (location.isEmpty()) {
            return new SchemaStatus(target.describe(), null, null, List.of(), 0, others);
        }
        var info = flyways.flyway(target, location.get()).info();
        UndoFiles undo = UndoFiles.in(location.get());
        MigrationInfo current = info.current();
        List<String> lines = Arrays.stream(info.all()).map(m -> String.format("%-8s %-40s %-10s %-12s %s",
                m.getVersion() == null ? "R" : m.getVersion().getVersion(), m.getDescription(), m.getState().getDisplayName(),
                reversibility(m, undo), m.getInstalledOn() == null ? "" : m.getInstalledOn().toInstant().toString())).toList();
        return new SchemaStatus(target.describe(), location.get().toString(),
                current == null ? null : current.getVersion().getVersion(), lines, info.pending().length, others);
    }

    private static String reversibility(MigrationInfo migration, UndoFiles undo) {
        if (migration.getVersion() == null || migration.getType().isBaseline()) {
            return "";
        }
        return undo.of(migration.getVersion()).isPresent() ? "reversible" : "irreversible";
    }

    /** Checks that the applied migrations are the ones in the directory, unchanged; empty when they are. */
    public List<String> validate(PgTarget target) {
        ValidateResult result = flyways.flyway(target, flyways.requireLocation(target)).validateWithResult();
        return result.validationSuccessful ? List.of() : result.invalidMigrations.stream()
                .map(m -> (m.version == null || m.version.isEmpty() ? "" : "V" + m.version + " ") + m.errorDetails.errorMessage)
                .toList();
    }

    /** Migrates, then applies the essential seeds (in every environment) once the schema is up to date. */
    public SchemaMigrationReport migrate(String environment, String logical, boolean confirmed, String runKey, String startedBy) {
        SchemaMigrationReport report = migrateOnly(environment, logical, confirmed, runKey, startedBy);
        if (report.exitCode() != 0 || !seeds.has(logical, SeedRunner.ESSENTIAL)) {
            return report;
        }
        PgTarget target = targets.resolve(environment, logical);
        try (Connection connection = target.connect()) {
            return new SchemaMigrationReport(0, report.message() + "; essential seeds: "
                    + seeds.apply(connection, logical, null).summary());
        } catch (SQLException e) {
            return new SchemaMigrationReport(1, report.message() + "; but the essential seeds failed: " + e.getMessage()
                    + " (fix the seed file and run nightshift seed --env " + environment + " --database " + logical + ")");
        }
    }

    private SchemaMigrationReport migrateOnly(String environment, String logical, boolean confirmed, String runKey,
                                              String startedBy) {
        PgTarget target = targets.resolve(environment, logical);
        ProtectedEnvironmentGuard.checkWrite(targets, environment, confirmed, "migrate the schema of " + target.describe());
        Path location = flyways.requireLocation(target);
        Flyway flyway = flyways.flyway(target, location);
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length == 0) {
            MigrationInfo current = flyway.info().current();
            return new SchemaMigrationReport(0, target.describe() + ": schema up to date at version "
                    + (current == null ? "(none)" : current.getVersion()) + "; nothing to migrate, no backup taken");
        }
        List<String> invalid = validate(target);
        if (!invalid.isEmpty()) {
            return record(target, startedBy, 1, "FAILED", target.describe() + ": the applied migrations differ"
                    + " from " + location + " (" + String.join("; ", invalid) + "); nothing was migrated. Restore the files as"
                    + " they were applied, and add changes as new versions");
        }
        PreChangeBackup.Taken taken = backups.take(target, confirmed, "before-migrate-schema", runKey);
        if (taken.backup() == null) {
            return record(target, startedBy, 1, "REFUSED", taken.failure() + "; the schema was not migrated:"
                    + " a migration runs only behind a verified backup");
        }
        String undo = PreChangeBackup.undoCommand(target, taken.backup());
        String from = versionOrNone(flyway.info().current());
        Instant migrationStart = Instant.now();
        StallWatch watch = ((TargetDataSource) flyway.getConfiguration().getDataSource())
                .watch("the schema migration of " + target.describe());
        try (watch) {
            Failpoint.reach("schema.migrate.before");
            MigrateResult result = flyway.migrate();
            return record(target, startedBy, 0, "COMPLETED", target.describe() + ": migrated from version "
                    + from + " to " + result.targetSchemaVersion + " (" + result.migrationsExecuted + " migration(s)) in "
                    + (Duration.between(migrationStart, Instant.now()).toMillis() / 1000.0) + " s; backup before: #"
                    + taken.backup().id() + " (" + taken.backup().artifact() + "); to undo: " + undo);
        } catch (FlywayException e) {
            String message = watch.stalled() ? watch.message()
                    : e.getMessage() == null ? e.toString() : e.getMessage().strip().lines().findFirst().orElse("");
            if (message.contains("non-empty schema")) {
                message += " (a database whose schema existed before Nightshift: set nightshift.migration.schema-baseline-version"
                        + " to the version its schema is at)";
            }
            // a stalled server would not answer the version query either
            String at = watch.stalled() ? "an unknown version" : versionOrNone(flyway.info().current());
            return record(target, startedBy, 1, "FAILED", target.describe() + ": schema migration failed at "
                    + (watch.stalled() ? "" : "version ") + at + " (was " + from + "): " + message
                    + (watch.stalled() ? "; whether the migration in flight committed is unknown (nightshift migrate-schema"
                            + " --env " + environment + " --database " + logical + " info shows it)"
                            : "; the failed migration's own transaction was rolled back")
                    + ". To return to the state before this run: " + undo);
        }
    }

    SchemaMigrationReport record(PgTarget target, String startedBy, int exit, String outcome, String message) {
        history.record("schema:" + target.logicalName(), target.environment(), target.logicalName(), "schema", startedBy,
                Map.of(), Instant.now(), null, null, outcome, message);
        return new SchemaMigrationReport(exit, message);
    }

    static String versionOrNone(MigrationInfo info) {
        return info == null ? "(none)" : info.getVersion().getVersion();
    }
}
