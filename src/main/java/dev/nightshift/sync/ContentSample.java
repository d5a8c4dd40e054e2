package dev.nightshift.sync;

import dev.nightshift.postgres.Identifiers;
import dev.nightshift.sync.masking.ColumnContent;
import dev.nightshift.sync.masking.ContentDetector;
import dev.nightshift.sync.masking.MaskingRules;
import dev.nightshift.sync.masking.TableRules;
import dev.nightshift.sync.schema.LiveColumn;
import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.sync.schema.LiveTable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Reads a bounded sample of the source (at most {@code rows} rows per table, spread over the table with
 * TABLESAMPLE when it is bigger) and runs the {@link ContentDetector} over the chosen columns. The masked
 * columns' originals are read first, so a kept copy of one is recognised. Everything read stays in this
 * process's memory for the duration of the call; only counts come out.
 */
final class ContentSample {

    /** Types whose text form cannot hold an address, a phone number, a token or a name. */
    private static final List<String> NOT_TEXT = List.of("smallint", "integer", "bigint", "numeric", "real",
            "double precision", "boolean", "date", "time", "timestamp", "interval", "uuid", "bytea", "money", "oid",
            "bit", "tsvector", "point", "box", "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange");

    private final Connection connection;
    private final int rows;
    /** reltuples by qualified table name, read once */
    private Map<String, Double> tuples;

    ContentSample(Connection connection, int rows) {
        this.connection = connection;
        this.rows = rows;
    }

    /** @param which the kept columns to look at (masked ones are never reported: they do not reach the target) */
    List<ColumnContent> scan(LiveSchema schema, MaskingRules rules, BiPredicate<TableRules, LiveColumn> which)
            throws SQLException {
        Map<LiveTable, List<LiveColumn>> toCheck = new LinkedHashMap<>();
        for (LiveTable table : schema.tables()) {
            if (table.foreign()) {
                continue; // never copied, and reading it would query a remote server
            }
            rules.table(table.qualifiedName()).filter(r -> !r.skipData()).ifPresent(tableRules -> {
                List<LiveColumn> kept = table.columns().stream()
                        .filter(c -> !c.generated() && text(c) && which.test(tableRules, c)).toList();
                if (!kept.isEmpty()) {
                    toCheck.put(table, kept);
                }
            });
        }
        if (rows <= 0 || toCheck.isEmpty()) {
            return List.of();
        }
        ContentDetector detector = new ContentDetector(maskedOriginals(schema, rules));
        List<ColumnContent> content = new ArrayList<>();
        for (Map.Entry<LiveTable, List<LiveColumn>> entry : toCheck.entrySet()) {
            List<LiveColumn> kept = entry.getValue();
            int[] sampled = new int[kept.size()];
            List<Map<ContentDetector.Kind, Integer>> hits = new ArrayList<>();
            kept.forEach(c -> hits.add(new EnumMap<>(ContentDetector.Kind.class)));
            read(entry.getKey(), kept, (column, value) -> {
                sampled[column]++;
                for (ContentDetector.Kind kind : detector.detect(value)) {
                    hits.get(column).merge(kind, 1, Integer::sum);
                }
            });
            for (int i = 0; i < kept.size(); i++) {
                content.add(new ColumnContent(entry.getKey().qualifiedName(), kept.get(i).name(), sampled[i], hits.get(i)));
            }
        }
        return content;
    }

    /** Text values of the masked columns (json documents aside), to recognise a kept copy of one. */
    private List<String> maskedOriginals(LiveSchema schema, MaskingRules rules) throws SQLException {
        List<String> originals = new ArrayList<>();
        for (LiveTable table : schema.tables()) {
            TableRules tableRules = rules.table(table.qualifiedName()).orElse(null);
            if (tableRules == null || tableRules.skipData() || tableRules.keepAll() || table.foreign()) {
                continue;
            }
            List<LiveColumn> masked = table.columns().stream().filter(c -> text(c) && !c.type().startsWith("json")
                    && tableRules.masked().containsKey(c.name())
                    && !"keep".equals(tableRules.masked().get(c.name()).strategy())).toList();
            read(table, masked, (column, value) -> originals.add(value));
        }
        return originals;
    }

    private interface ValueHandler {
        void accept(int column, String value);
    }

    private void read(LiveTable table, List<LiveColumn> columns, ValueHandler handler) throws SQLException {
        if (columns.isEmpty()) {
            return;
        }
        String select = columns.stream().map(c -> Identifiers.quote(c.name()) + "::text").collect(Collectors.joining(", "));
        String anyNotNull = columns.stream().map(c -> Identifiers.quote(c.name()) + " IS NOT NULL")
                .collect(Collectors.joining(" OR "));
        String sql = "SELECT " + select + " FROM " + Identifiers.quote(table.schema(), table.name())
                + sampleClause(table) + " WHERE " + anyNotNull + " LIMIT " + rows;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(Math.min(rows, 1000));
            try (ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        String value = rs.getString(i + 1);
                        if (value != null) {
                            handler.accept(i, value);
                        }
                    }
                }
            }
        }
    }

    /** Pages spread over the whole table, so a column filled only in recent rows is seen too. */
    private String sampleClause(LiveTable table) throws SQLException {
        if (tuples == null) {
            tuples = new HashMap<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT n.nspname || '.' ||"
                    + " c.relname, c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind = 'r'")) {
                while (rs.next()) {
                    tuples.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        double estimate = table.partitioned() ? -1 : tuples.getOrDefault(table.qualifiedName(), -1.0);
        double percent = 300.0 * rows / estimate;
        return estimate <= 0 || percent >= 100 ? "" : String.format(Locale.ROOT, " TABLESAMPLE SYSTEM (%.6f)", percent);
    }

    private static boolean text(LiveColumn column) {
        String type = column.type().endsWith("[]") ? column.type().substring(0, column.type().length() - 2) : column.type();
        return NOT_TEXT.stream().noneMatch(type::startsWith);
    }
}
