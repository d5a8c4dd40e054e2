package dev.nightshift.migration.schema;

import dev.nightshift.postgres.Identifiers;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Flyway's history table of one database, where a rolled-back version's row is removed. */
record HistoryTable(String schema, String table) {

    static HistoryTable of(Flyway flyway) {
        var configuration = flyway.getConfiguration();
        String schema = configuration.getDefaultSchema();
        if (schema == null && configuration.getSchemas().length > 0) {
            schema = configuration.getSchemas()[0];
        }
        return new HistoryTable(schema, configuration.getTable());
    }

    void remove(Connection connection, int installedRank) throws SQLException {
        String quoted = Identifiers.quote(schema == null ? currentSchema(connection) : schema, table);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + quoted + " WHERE installed_rank = ?")) {
            delete.setInt(1, installedRank);
            if (delete.executeUpdate() != 1) {
                throw new SQLException("no row with installed_rank " + installedRank + " in " + quoted
                        + ": Flyway's history changed while rolling back");
            }
        }
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT current_schema()"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
