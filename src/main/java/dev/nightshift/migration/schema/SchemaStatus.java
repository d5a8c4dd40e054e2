package dev.nightshift.migration.schema;

import java.util.List;

/**
 * What {@code migrate-schema info} shows for one database.
 *
 * @param location   the directory of its Flyway migrations, or null when it has none
 * @param current    the applied schema version, or null
 * @param migrations one line per known migration: version, description, state, when applied
 * @param pending    how many migrations wait to be applied
 * @param otherTools schema versions kept by Alembic or Prisma, one line each
 */
public record SchemaStatus(String target, String location, String current, List<String> migrations, int pending,
                           List<String> otherTools) {
}
