package dev.nightshift.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything under {@code nightshift.*}: where Nightshift keeps its own metadata, how it backs up, and the
 * environments it works on.
 *
 * @param opsDatabase  the database that holds the job repository, the backup catalog and the history
 * @param backup       backup settings shared by every environment
 * @param sync         the staging sync: masking rules, salt, work directory, parallelism
 * @param migration    data migrations (batches, throttling, health pauses) and schema migrations
 * @param maintenance  the nightly VACUUM and the bloat and health report
 * @param postgres     where the PostgreSQL client programs are
 * @param schedule     the scheduler mode and one-run metrics (jobs/schedules.yml, misfire grace, Pushgateway)
 * @param environments the environments by name (prod, staging, dev, ...)
 * @param notifications webhook and ping URLs called when jobs start, succeed or fail
 * @param concurrency  how many databases a command works on at the same time, per server and in all
 * @param connections  time limits and keepalives of every network connection, so a lost peer ends a job, not hangs it
 */
@ConfigurationProperties("nightshift")
public record NightshiftProperties(
        @NestedConfigurationProperty @DefaultValue OpsDatabaseProperties opsDatabase,
        @NestedConfigurationProperty @DefaultValue BackupProperties backup,
        @NestedConfigurationProperty @DefaultValue SyncProperties sync,
        @NestedConfigurationProperty @DefaultValue MigrationProperties migration,
        @NestedConfigurationProperty @DefaultValue MaintenanceProperties maintenance,
        @NestedConfigurationProperty @DefaultValue PostgresClientProperties postgres,
        @NestedConfigurationProperty @DefaultValue ScheduleProperties schedule,
        Map<String, EnvironmentProperties> environments,
        @NestedConfigurationProperty @DefaultValue NotificationProperties notifications,
        @NestedConfigurationProperty @DefaultValue ConcurrencyProperties concurrency,
        @NestedConfigurationProperty @DefaultValue ConnectionProperties connections) {

    public NightshiftProperties {
        environments = environments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(environments));
    }
}
