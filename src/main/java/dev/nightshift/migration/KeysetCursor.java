package dev.nightshift.migration;

import dev.nightshift.postgres.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Walks a table's key in ranges of about {@code size} rows: the next range ends at the key of the
 * {@code size}-th row after the last one, found through the key's unique index (a keyset seek and LIMIT,
 * never OFFSET), so every batch costs the same however far the walk has got.
 */
final class KeysetCursor {

    private final String table;
    private final List<String> key;
    private final String columns;
    private final boolean numericKey;

    KeysetCursor(String schema, String table, List<String> key, boolean numericKey) {
        this.table = Identifiers.quote(schema, table);
        this.key = key;
        this.numericKey = numericKey;
        this.columns = key.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    /** The range after {@code after} (null: from the start) holding at most {@code size} keys; empty at the end. */
    Optional<KeyRange> next(Connection connection, List<String> after, int size) throws SQLException {
        String where = after == null ? "" : " WHERE (" + columns + ") > (" + marks(key.size()) + ")";
        String window = "(SELECT " + columns + " FROM " + table + where + " ORDER BY " + columns + " LIMIT ?) s";
        String sql;
        if (numericKey) {
            // one pass over the window, no sort: the largest key of the window is where the range ends (max() exists
            // for numbers; uuid has none, and text's max follows the collation, so those take the general query)
            sql = "SELECT max(s." + columns + ")::text, count(*) FROM " + window + " HAVING count(*) > 0";
        } else {
            // qualified with s.: a bare name in ORDER BY would mean the output column, the key's text, which sorts '99' after '900'
            String descending = key.stream().map(c -> "s." + Identifiers.quote(c) + " DESC").collect(Collectors.joining(", "));
            String texts = key.stream().map(c -> "s." + Identifiers.quote(c) + "::text").collect(Collectors.joining(", "));
            sql = "SELECT " + texts + ", count(*) OVER () FROM " + window + " ORDER BY " + descending + " LIMIT 1";
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            if (after != null) {
                for (String value : after) {
                    statement.setObject(i++, value, Types.OTHER);
                }
            }
            statement.setInt(i, size);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> to = new ArrayList<>();
                for (int c = 1; c <= key.size(); c++) {
                    to.add(rs.getString(c));
                }
                return Optional.of(new KeyRange(after, to, rs.getLong(key.size() + 1)));
            }
        }
    }

    /** For {@code :from} of the first batch: one less than the smallest key (integer keys only). */
    String beforeFirst(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT (min(" + columns + ") - 1)::text FROM " + table);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1) == null ? "0" : rs.getString(1);
        }
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
