package dev.nightshift.migration.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema version of databases whose schema another tool manages: Alembic keeps its revision in
 * {@code alembic_version}, Prisma its applied migrations in {@code _prisma_migrations}.
 */
final class OtherSchemaTools {

    private OtherSchemaTools() {
    }

    /** One line per tool found, e.g. {@code Alembic: revision ae1027a6acf (public.alembic_version)}. */
    static List<String> describe(Connection connection) throws SQLException {
        List<String> lines = new ArrayList<>();
        for (String[] table : tables(connection, "alembic_version")) {
            String revisions = String.join(", ", strings(connection,
                    "SELECT version_num FROM " + dev.nightshift.postgres.Identifiers.quote(table[0], table[1]) + " ORDER BY 1"));
            lines.add("Alembic: revision " + (revisions.isEmpty() ? "(none: the database is at base)" : revisions)
                    + " (" + table[0] + "." + table[1] + ")");
        }
        for (String[] table : tables(connection, "_prisma_migrations")) {
            String quoted = dev.nightshift.postgres.Identifiers.quote(table[0], table[1]);
            List<String> applied = strings(connection, "SELECT migration_name FROM " + quoted
                    + " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY finished_at, migration_name");
            List<String> failed = strings(connection, "SELECT migration_name FROM " + quoted
                    + " WHERE finished_at IS NULL AND rolled_back_at IS NULL ORDER BY started_at");
            lines.add("Prisma: " + applied.size() + " migration(s) applied"
                    + (applied.isEmpty() ? "" : ", latest " + applied.get(applied.size() - 1))
                    + (failed.isEmpty() ? "" : "; unfinished: " + String.join(", ", failed))
                    + " (" + table[0] + "." + table[1] + ")");
        }
        return lines;
    }

    private static List<String[]> tables(Connection connection, String name) throws SQLException {
        List<String[]> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ? AND c.relkind IN ('r', 'p') ORDER BY 1")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return found;
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
