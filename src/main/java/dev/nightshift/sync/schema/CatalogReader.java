package dev.nightshift.sync.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs the {@link CatalogQueries} and assembles their rows into a {@link LiveSchema}. */
final class CatalogReader {

    private final Connection connection;
    private final Map<Long, List<LiveColumn>> columns = new HashMap<>();
    private final Map<Long, List<UniqueKey>> uniqueKeys = new HashMap<>();
    private final Map<Long, List<ForeignKey>> foreignKeys = new HashMap<>();

    CatalogReader(Connection connection) {
        this.connection = connection;
    }

    LiveSchema read() throws SQLException {
        query(CatalogQueries.COLUMNS, rs -> add(columns, rs, new LiveColumn(rs.getString(2), rs.getString(3),
                rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), rs.getString(7))));
        query(CatalogQueries.UNIQUE_KEYS, rs -> add(uniqueKeys, rs, uniqueKey(rs)));
        query(CatalogQueries.FOREIGN_KEYS, rs -> add(foreignKeys, rs, new ForeignKey(rs.getString(2),
                names(rs, 5), rs.getString(3) + "." + rs.getString(4), names(rs, 6))));
        Set<String> referenced = new HashSet<>();
        foreignKeys.values().forEach(keys -> keys.forEach(k -> referenced.add(k.referencedTable())));
        List<LiveTable> tables = new ArrayList<>();
        query(CatalogQueries.TABLES, rs -> {
            long oid = rs.getLong(1);
            String schema = rs.getString(2);
            String name = rs.getString(3);
            tables.add(new LiveTable(schema, name, rs.getBoolean(4), columns.getOrDefault(oid, List.of()),
                    uniqueKeys.getOrDefault(oid, List.of()), foreignKeys.getOrDefault(oid, List.of()),
                    referenced.contains(schema + "." + name), rs.getBoolean(5)));
        });
        return new LiveSchema(tables);
    }

    private static UniqueKey uniqueKey(ResultSet rs) throws SQLException {
        UniqueKey.Kind kind = switch (rs.getString(3)) {
            case "p" -> UniqueKey.Kind.PRIMARY_KEY;
            case "u" -> UniqueKey.Kind.UNIQUE_CONSTRAINT;
            default -> UniqueKey.Kind.UNIQUE_INDEX;
        };
        Set<String> involved = new LinkedHashSet<>(names(rs, 6));
        involved.addAll(names(rs, 7));
        return new UniqueKey(rs.getString(2), kind, List.copyOf(involved), rs.getBoolean(4), rs.getBoolean(5),
                names(rs, 8), rs.getString(9));
    }

    private static List<String> names(ResultSet rs, int column) throws SQLException {
        return Arrays.asList((String[]) rs.getArray(column).getArray());
    }

    private static <T> void add(Map<Long, List<T>> byTable, ResultSet rs, T item) throws SQLException {
        byTable.computeIfAbsent(rs.getLong(1), oid -> new ArrayList<>()).add(item);
    }

    private void query(String sql, RowHandler handler) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                handler.accept(rs);
            }
        }
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }
}
