package dev.nightshift.sync;

import dev.nightshift.postgres.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Looks for original email addresses anywhere in a table of the copy: every text, varchar, json and jsonb
 * column (domains over them and arrays of them included), one scan per table. This is what finds an address
 * copied into a kept column — an audit log's jsonb, a free-text note — that no rule masked.
 */
final class EmailScan {

    private static final String TEXT_COLUMNS = """
            SELECT a.attname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type e ON t.typcategory = 'A' AND e.oid = t.typelem
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
              AND (t.typcategory = 'S' OR t.typname IN ('json', 'jsonb')
                   OR e.typcategory = 'S' OR e.typname IN ('json', 'jsonb'))
            ORDER BY a.attnum""";

    private EmailScan() {
    }

    /** How many values of the table hold one of {@code emails} (lower case). */
    static long count(Connection c, SpooledTable table, Set<String> emails) throws SQLException {
        if (emails.isEmpty()) {
            return 0;
        }
        String name = Identifiers.quote(table.schema(), table.name());
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(TEXT_COLUMNS)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        if (columns.isEmpty()) {
            return 0;
        }
        StringBuilder values = new StringBuilder();
        for (String column : columns) {
            values.append(values.isEmpty() ? "" : ", ").append("(t.").append(Identifiers.quote(column)).append("::text)");
        }
        String sql = "SELECT count(*) FROM ONLY " + name + " t, LATERAL (VALUES " + values + ") AS v(x)"
                + " WHERE strpos(v.x, '@') > 0 AND EXISTS (SELECT 1 FROM regexp_matches(v.x, ?, 'g') m"
                + " WHERE lower(m[1]) = ANY (?::text[]))";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, "(" + LeakScan.EMAIL.pattern() + ")");
            s.setArray(2, c.createArrayOf("text", emails.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
