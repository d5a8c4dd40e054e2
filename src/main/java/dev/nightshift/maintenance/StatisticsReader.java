package dev.nightshift.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads tables, their row widths, indexes and foreign keys from one database's catalog and statistics. */
final class StatisticsReader {

    private final Connection connection;

    StatisticsReader(Connection connection) {
        this.connection = connection;
    }

    List<TableHealth> tables() throws SQLException {
        List<TableHealth> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SqlFiles.load("tables.sql"));
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                tables.add(new TableHealth(rs.getLong("table_oid"), rs.getString("schema_name"),
                        rs.getString("table_name"), rs.getBoolean("locked"), rs.getLong("heap_bytes"),
                        rs.getLong("index_bytes"), rs.getLong("toast_bytes"), rs.getLong("live_tuples"),
                        rs.getLong("dead_tuples"), rs.getLong("modified_since_analyze"),
                        SqlFiles.instant(rs, "last_vacuum"), SqlFiles.instant(rs, "last_autovacuum"),
                        SqlFiles.instant(rs, "last_analyze"), SqlFiles.instant(rs, "last_autoanalyze"),
                        rs.getLong("xid_age"), rs.getDouble("reltuples")));
            }
        }
        return tables;
    }

    Map<Long, RowWidths> rowWidths() throws SQLException {
        Map<Long, RowWidths> widths = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(SqlFiles.load("table-widths.sql"));
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                widths.put(rs.getLong("table_oid"), new RowWidths(rs.getInt("columns"), rs.getDouble("data_width"),
                        rs.getBoolean("has_nulls"), rs.getInt("columns_without_stats"),
                        rs.getBoolean("has_name_column"), rs.getInt("fillfactor")));
            }
        }
        return widths;
    }

    List<IndexHealth> indexes() throws SQLException {
        List<IndexHealth> indexes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SqlFiles.load("indexes.sql"));
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String method = rs.getString("method");
                boolean expressions = rs.getBoolean("has_expressions");
                long bytes = rs.getLong("bytes");
                BloatEstimate bloat = BtreeBloatEstimator.estimate(method, expressions, bytes,
                        rs.getDouble("reltuples"), rs.getDouble("width"), rs.getInt("columns_without_stats"),
                        rs.getInt("fillfactor"));
                indexes.add(new IndexHealth(rs.getLong("index_oid"), rs.getLong("table_oid"),
                        rs.getString("schema_name"), rs.getString("table_name"), rs.getString("index_name"), method,
                        rs.getBoolean("is_unique"), rs.getBoolean("is_primary"), rs.getBoolean("is_valid"),
                        rs.getInt("key_count"), SqlFiles.ints(rs, "columns"), expressions,
                        rs.getBoolean("is_partial"), rs.getString("definition"), bytes, rs.getLong("scans"), bloat));
            }
        }
        return indexes;
    }

    List<ForeignKey> foreignKeys() throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SqlFiles.load("foreign-keys.sql"));
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                keys.add(new ForeignKey(rs.getLong("table_oid"), rs.getString("schema_name"),
                        rs.getString("table_name"), rs.getString("constraint_name"), SqlFiles.ints(rs, "columns"),
                        rs.getString("column_names")));
            }
        }
        return keys;
    }

    /** A foreign key's referencing side. */
    record ForeignKey(long tableOid, String schema, String table, String name, int[] columns, String columnNames) {
    }
}
