package dev.nightshift.maintenance;

import dev.nightshift.config.MaintenanceProperties;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a database's health in a handful of catalog queries (independent of the number of tables, so a
 * thousand tables cost about what ten do), plus one pgstattuple scan per table where that is installed.
 */
final class HealthCollector {

    private HealthCollector() {
    }

    static DatabaseHealth collect(Connection connection, MaintenanceProperties settings) throws SQLException {
        StatisticsReader reader = new StatisticsReader(connection);
        List<TableHealth> tables = reader.tables();
        Map<Long, RowWidths> widths = reader.rowWidths();
        Map<Long, BloatEstimate> bloat = new HashMap<>();
        for (TableHealth table : tables) {
            bloat.put(table.oid(), HeapBloatEstimator.estimate(table, widths.get(table.oid()),
                    settings.analyzeModifiedPercent()));
        }
        boolean pgstattuple = Pgstattuple.installed(connection);
        Map<Long, Pgstattuple.Measured> measured = pgstattuple
                ? Pgstattuple.measure(connection, tables, widths, settings.measureMaxBytes().toBytes()) : Map.of();
        List<IndexHealth> indexes = reader.indexes();
        IndexFindings findings = IndexFindings.of(indexes, reader.foreignKeys());
        ServerActivity activity = ServerActivity.read(connection, settings.longQuery(), settings.slowQueries());
        String version;
        long size;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT current_setting('server_version'), pg_database_size(current_database())");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            version = rs.getString(1);
            size = rs.getLong(2);
        }
        return new DatabaseHealth(version, size, tables, bloat, pgstattuple, measured, indexes, findings, activity);
    }
}
