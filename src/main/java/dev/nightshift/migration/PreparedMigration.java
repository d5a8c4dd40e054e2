package dev.nightshift.migration;

import dev.nightshift.postgres.PgTarget;

import java.util.Map;

/**
 * A migration checked against its environment before anything runs: file, parameters and table fit.
 *
 * @param values the text of every parameter, defaults filled in
 */
public record PreparedMigration(MigrationDefinition definition, String environment, PgTarget target,
                                Map<String, String> values, long estimatedRows) {
}
