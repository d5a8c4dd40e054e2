package dev.nightshift.maintenance;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.PgTarget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves the tables named with {@code --vacuum-full} (as {@code schema.table} or a bare name on the search
 * path, in SQL's own quoting rules) to their schema-qualified names, or says which one does not exist.
 */
final class VacuumFullTables {

    private VacuumFullTables() {
    }

    static Set<String> resolve(PgTarget target, List<String> names) {
        Set<String> resolved = new LinkedHashSet<>();
        if (names.isEmpty()) {
            return resolved;
        }
        try (Connection connection = target.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT n.nspname || '.' || c.relname"
                     + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE c.oid = to_regclass(?) AND c.relkind IN ('r', 'm')")) {
            for (String name : names) {
                statement.setString(1, name);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        throw new ConfigurationException("--vacuum-full " + name + ": no such table in "
                                + target.describe() + "; name it as schema.table (pick the database with --database)");
                    }
                    resolved.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new ConfigurationException("cannot look up the --vacuum-full tables in " + target.describe()
                    + ": " + e.getMessage());
        }
        return resolved;
    }
}
