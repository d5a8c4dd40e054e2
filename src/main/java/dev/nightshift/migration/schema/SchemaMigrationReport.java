package dev.nightshift.migration.schema;

/**
 * The outcome of {@code migrate-schema migrate} for one database.
 *
 * @param exitCode 0 migrated or nothing to do, 1 failed
 * @param message  what happened, with the backup to restore when the migration must be undone
 */
public record SchemaMigrationReport(int exitCode, String message) {
}
