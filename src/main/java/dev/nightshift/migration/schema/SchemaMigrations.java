package dev.nightshift.migration.schema;

import dev.nightshift.backup.BackupJobs;
import dev.nightshift.backup.CatalogEntry;
import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.ProtectedEnvironmentGuard;
import dev.nightshift.config.Targets;
import dev.nightshift.jobs.JobOutcome;
import dev.nightshift.migration.MigrationHistory;
import dev.nightshift.postgres.PgTarget;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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

    private final NightshiftProperties properties;
    private final Targets targets;
    private final BackupJobs backups;
    private final MigrationHistory history;

    SchemaMigrations(NightshiftProperties properties, Targets targets, BackupJobs backups, MigrationHistory history) {
        this.properties = properties;
        this.targets = targets;
        this.backups = backups;
        this.history = history;
    }

    public SchemaStatus info(PgTarget target) {
        Optional<Path> location = location(target);
        List<String> others;
        try (Connection connection = target.connect()) {
            others = OtherSchemaTools.describe(connection);
        } catch (SQLException e) {
            throw new ConfigurationException("cannot connect to " + target.describe() + ": " + e.getMessage(), e);
        }
        if (location.isEmpty()) {
            return new SchemaStatus(target.describe(), null, null, List.of(), 0, others);
        }
        var info = flyway(target, location.get()).info();
        MigrationInfo current = info.current();
        List<String> lines = Arrays.stream(info.all()).map(m -> String.format("%-8s %-40s %-10s %s",
                m.getVersion() == null ? "R" : m.getVersion().getVersion(), m.getDescription(), m.getState().getDisplayName(),
                m.getInstalledOn() == null ? "" : m.getInstalledOn().toInstant().toString())).toList();
        return new SchemaStatus(target.describe(), location.get().toString(),
                current == null ? null : current.getVersion().getVersion(), lines, info.pending().length, others);
    }

    /** Checks that the applied migrations are the ones in the directory, unchanged; empty when they are. */
    public List<String> validate(PgTarget target) {
        ValidateResult result = flyway(target, requireLocation(target)).validateWithResult();
        return result.validationSuccessful ? List.of() : result.invalidMigrations.stream()
                .map(m -> (m.version == null || m.version.isEmpty() ? "" : "V" + m.version + " ") + m.errorDetails.errorMessage)
                .toList();
    }

    public SchemaMigrationReport migrate(String environment, String logical, boolean confirmed, String runKey, String startedBy) {
        PgTarget target = targets.resolve(environment, logical);
        ProtectedEnvironmentGuard.checkWrite(targets, environment, confirmed, "migrate the schema of " + target.describe());
        Path location = requireLocation(target);
        Flyway flyway = flyway(target, location);
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length == 0) {
            MigrationInfo current = flyway.info().current();
            return new SchemaMigrationReport(0, target.describe() + ": schema up to date at version "
                    + (current == null ? "(none)" : current.getVersion()) + "; nothing to migrate, no backup taken");
        }
        List<String> invalid = validate(target);
        if (!invalid.isEmpty()) {
            return record(environment, logical, startedBy, 1, "FAILED", target.describe() + ": the applied migrations differ"
                    + " from " + location + " (" + String.join("; ", invalid) + "); nothing was migrated. Restore the files as"
                    + " they were applied, and add changes as new versions");
        }
        String verify = properties.backup().verify().name().toLowerCase(java.util.Locale.ROOT);
        JobExecution backup = backups.backup(environment, logical, verify, confirmed, "before-migrate-schema:" + runKey);
        Optional<CatalogEntry> taken = backups.latestVerified(environment, logical)
                .filter(entry -> entry.jobExecutionId() != null && entry.jobExecutionId() == backup.getId());
        if (backup.getStatus() != BatchStatus.COMPLETED || taken.isEmpty()) {
            String why = JobOutcome.of(backup, "the pre-migration backup of " + target.describe()).message();
            return record(environment, logical, startedBy, 1, "REFUSED", why + "; the schema was not migrated:"
                    + " a migration runs only behind a verified backup");
        }
        String undo = "nightshift restore --env " + environment + " --database " + logical + " --backup " + taken.get().id()
                + " --into " + environment + (target.protectedEnvironment() ? " --confirm-production" : "");
        String from = versionOrNone(flyway.info().current());
        Instant migrationStart = Instant.now();
        try {
            MigrateResult result = flyway.migrate();
            return record(environment, logical, startedBy, 0, "COMPLETED", target.describe() + ": migrated from version "
                    + from + " to " + result.targetSchemaVersion + " (" + result.migrationsExecuted + " migration(s)) in "
                    + (java.time.Duration.between(migrationStart, Instant.now()).toMillis() / 1000.0) + " s; backup before: #"
                    + taken.get().id() + " (" + taken.get().artifact() + "); to undo: " + undo);
        } catch (FlywayException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().strip().lines().findFirst().orElse("");
            if (message.contains("non-empty schema")) {
                message += " (a database whose schema existed before Nightshift: set nightshift.migration.schema-baseline-version"
                        + " to the version its schema is at)";
            }
            return record(environment, logical, startedBy, 1, "FAILED", target.describe() + ": schema migration failed at version "
                    + versionOrNone(flyway.info().current()) + " (was " + from + "): " + message
                    + "; the failed migration's own transaction was rolled back. To return to the state before this run: " + undo);
        }
    }

    private SchemaMigrationReport record(String environment, String logical, String startedBy, int exit, String outcome,
                                         String message) {
        history.record("schema:" + logical, environment, logical, "schema", startedBy, Map.of(), Instant.now(), null, null,
                outcome, message);
        return new SchemaMigrationReport(exit, message);
    }

    private static String versionOrNone(MigrationInfo info) {
        return info == null ? "(none)" : info.getVersion().getVersion();
    }

    private Optional<Path> location(PgTarget target) {
        Path directory = properties.migration().schemaDirectory().resolve(target.logicalName());
        return Files.isDirectory(directory) ? Optional.of(directory.toAbsolutePath()) : Optional.empty();
    }

    private Path requireLocation(PgTarget target) {
        return location(target).orElseThrow(() -> new ConfigurationException("there are no schema migrations for '"
                + target.logicalName() + "': " + properties.migration().schemaDirectory().resolve(target.logicalName()).toAbsolutePath()
                + " does not exist (set nightshift.migration.schema-directory, or add V001__initial_schema.sql there)"));
    }

    private Flyway flyway(PgTarget target, Path location) {
        var configuration = Flyway.configure()
                .dataSource(new TargetDataSource(target))
                .locations("filesystem:" + location)
                .validateMigrationNaming(true)
                .ignoreMigrationPatterns("*:pending")
                .cleanDisabled(true)
                // Flyway's default lock is an advisory lock held in a transaction, and CREATE INDEX CONCURRENTLY
                // waits for every open transaction: with the default, a migration that builds an index that way hangs
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
        String baseline = properties.migration().schemaBaselineVersion();
        if (baseline != null && !baseline.isBlank()) {
            configuration.baselineOnMigrate(true).baselineVersion(baseline);
        }
        return configuration.load();
    }
}
