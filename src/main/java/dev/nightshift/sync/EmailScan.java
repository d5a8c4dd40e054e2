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
 * One scan of a table of the copy: its row count, and how many of its rows hold an original email address
 * in a text, varchar, json or jsonb column (domains over them and arrays of them included). This is what
 * finds an address copied into a kept column — an audit log's jsonb, a free-text note — that no rule masked.
 * Columns whose rule replaces the whole value with a derived one (fake, hash, random, null, constant) cannot
 * hold an original and are not scanned.
 */
final class EmailScan {

    record Result(long rows, long rowsWithEmail) {
    }

    private static final String TEXT_COLUMNS = """
            SELECT a.attname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type e ON t.typcategory = 'A' AND e.oid = t.typelem
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
              AND (t.typcategory = 'S' OR t.typname IN ('json', 'jsonb')
                   OR e.typcategory = 'S' OR e.typname IN ('json', 'jsonb'))
            ORDER BY a.attnum""";

    private EmailScan() {
    }

    static Result scan(Connection c, SpooledTable table, Set<String> emails, Set<String> replacedColumns)
            throws SQLException {
        String name = Identifiers.quote(table.schema(), table.name());
        List<String> columns = new ArrayList<>();
        if (!emails.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(TEXT_COLUMNS)) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (!replacedColumns.contains(rs.getString(1))) {
                            columns.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        StringBuilder sql = new StringBuilder("SELECT count(*), ");
        if (columns.isEmpty()) {
            sql.append("0");
        } else {
            sql.append("count(*) FILTER (WHERE ");
            for (int i = 0; i < columns.size(); i++) {
                String value = "t." + Identifiers.quote(columns.get(i)) + "::text";
                sql.append(i == 0 ? "" : " OR ").append("(strpos(").append(value).append(", '@') > 0 AND EXISTS (")
                        .append("SELECT 1 FROM regexp_matches(").append(value).append(", ?, 'g') m")
                        .append(" WHERE lower(m[1]) = ANY (?::text[])))");
            }
            sql.append(")");
        }
        sql.append(" FROM ONLY ").append(name).append(" t");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            if (!columns.isEmpty()) {
                var addresses = c.createArrayOf("text", emails.toArray());
                for (int i = 0; i < columns.size(); i++) {
                    s.setString(2 * i + 1, "(" + LeakScan.EMAIL.pattern() + ")");
                    s.setArray(2 * i + 2, addresses);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Result(rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
