package dev.nightshift.migration.schema;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.postgres.PgTarget;
import org.flywaydb.core.Flyway;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where a logical database's migrations are, and Flyway configured the one way Nightshift runs it. */
@Component
class FlywayTargets {

    private final NightshiftProperties properties;

    FlywayTargets(NightshiftProperties properties) {
        this.properties = properties;
    }

    Optional<Path> location(PgTarget target) {
        Path directory = properties.migration().schemaDirectory().resolve(target.logicalName());
        return Files.isDirectory(directory) ? Optional.of(directory.toAbsolutePath()) : Optional.empty();
    }

    Path requireLocation(PgTarget target) {
        return location(target).orElseThrow(() -> new ConfigurationException("there are no schema migrations for '"
                + target.logicalName() + "': " + properties.migration().schemaDirectory().resolve(target.logicalName()).toAbsolutePath()
                + " does not exist (set nightshift.migration.schema-directory, or add V001__initial_schema.sql there)"));
    }

    Flyway flyway(PgTarget target, Path location) {
        MigrationNames.validate(location);
        var configuration = Flyway.configure()
                .dataSource(new TargetDataSource(target))
                .locations("filesystem:" + location)
                // Flyway's own check rejects the undo scripts (U002__x.sql) its community edition does not know
                .validateMigrationNaming(false)
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
