package dev.nightshift.sync.leak;

import dev.nightshift.postgres.CopyBinary;
import dev.nightshift.postgres.Identifiers;
import dev.nightshift.sync.snapshot.SpooledTable;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a column's values are to the leak verification: text (any string type, domains over them
 * included), json, jsonb, arrays of those, or nothing to search (numbers, dates, uuids, bytea...). Decides
 * how a value in COPY binary format becomes the text the search reads.
 */
enum ColumnKind {
    NONE(null), TEXT(ValueParts.TEXT), JSON(ValueParts.JSON), JSONB(ValueParts.JSON),
    TEXT_ARRAY(ValueParts.TEXT_ARRAY), JSON_ARRAY(ValueParts.JSON_ARRAY), JSONB_ARRAY(ValueParts.JSON_ARRAY);

    private static final String COLUMNS = """
            SELECT a.attname, t.typcategory, bt.typname, coalesce(et.typcategory, ''), coalesce(bet.typname, '')
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
            LEFT JOIN pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A'
            LEFT JOIN pg_type bet ON bet.oid = CASE WHEN et.typtype = 'd' THEN et.typbasetype ELSE et.oid END
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped""";

    final ValueParts parts;

    ColumnKind(ValueParts parts) {
        this.parts = parts;
    }

    /** The kinds of the table's spooled columns, in their order, from the catalog of {@code c}. */
    static List<ColumnKind> of(Connection c, SpooledTable table) throws SQLException {
        Map<String, ColumnKind> kinds = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(COLUMNS)) {
            s.setString(1, Identifiers.quote(table.schema(), table.name()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    kinds.put(rs.getString(1), kind(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return table.columns().stream().map(column -> kinds.getOrDefault(column, NONE)).toList();
    }

    private static ColumnKind kind(String category, String base, String elementCategory, String elementBase) {
        if ("A".equals(category)) {
            return "S".equals(elementCategory) ? TEXT_ARRAY : "json".equals(elementBase) ? JSON_ARRAY
                    : "jsonb".equals(elementBase) ? JSONB_ARRAY : NONE;
        }
        return "S".equals(category) ? TEXT : "json".equals(base) ? JSON : "jsonb".equals(base) ? JSONB : NONE;
    }

    /** The text form of a value in COPY binary format. */
    String decodeBinary(byte[] data, int from, int length) {
        return switch (this) {
            case JSONB -> new String(data, from + 1, length - 1, StandardCharsets.UTF_8); // a version byte first
            case TEXT_ARRAY, JSON_ARRAY, JSONB_ARRAY -> arrayLiteral(data, from, this == JSONB_ARRAY);
            default -> new String(data, from, length, StandardCharsets.UTF_8);
        };
    }

    /** A binary array (dimensions, then length-prefixed elements) as a text literal of its elements. */
    private static String arrayLiteral(byte[] data, int from, boolean jsonb) {
        int dimensions = CopyBinary.int32(data, from);
        int position = from + 12;
        long elements = dimensions == 0 ? 0 : 1;
        for (int d = 0; d < dimensions; d++) {
            elements *= CopyBinary.int32(data, position);
            position += 8;
        }
        StringBuilder literal = new StringBuilder("{");
        for (long e = 0; e < elements; e++) {
            int length = CopyBinary.int32(data, position);
            position += 4;
            if (length < 0) {
                continue;
            }
            String element = jsonb ? new String(data, position + 1, length - 1, StandardCharsets.UTF_8)
                    : new String(data, position, length, StandardCharsets.UTF_8);
            position += length;
            literal.append(literal.length() > 1 ? "," : "").append('"')
                    .append(element.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }
}
