package dev.nightshift.migration;

import dev.nightshift.postgres.Identifiers;
import dev.nightshift.migration.NamedSql.Untyped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A migration's batch statement, bound for one key range. The key range arrives either as {@code :from} and
 * {@code :to} (single-column integer keys: {@code WHERE id > :from AND id <= :to}) or as the {@code {key_range}}
 * placeholder, which Nightshift writes as a row-value comparison over the quoted key columns — it works for
 * every key type and for composite keys. Values are always bound, never written into the SQL.
 */
final class BatchStatement {

    static final String KEY_RANGE = "{key_range}";
    static final Set<String> RESERVED = Set.of("from", "to");
    private static final String BOUND = "nightshift_key_";

    private final String sql;
    private final List<String> key;
    private final Map<String, Object> values;

    BatchStatement(String sql, List<String> key, Map<String, Object> values) {
        this.sql = sql;
        this.key = key;
        this.values = values;
    }

    /** Refuses, before anything runs, a statement that names undeclared parameters or no key range. */
    static void check(String sql, List<String> key, Collection<String> declared, String where) {
        Set<String> named = NamedSql.names(sql.replace(KEY_RANGE, "true"));
        Set<String> unknown = new LinkedHashSet<>(named);
        unknown.removeAll(declared);
        unknown.removeAll(RESERVED);
        if (!unknown.isEmpty()) {
            throw new MigrationFileException(where + " uses undeclared parameter(s) " + unknown
                    + "; declare them under params (with a type) or fix the spelling");
        }
        boolean fromTo = named.contains("from") && named.contains("to");
        if (sql.contains(KEY_RANGE) == fromTo) {
            throw new MigrationFileException(where + " must limit each batch to its key range with either {key_range}"
                    + " (any key) or :from and :to (one integer key: WHERE id > :from AND id <= :to), and not both");
        }
        if (fromTo && key.size() > 1) {
            throw new MigrationFileException(where + ": a composite key (" + String.join(", ", key)
                    + ") needs {key_range} instead of :from/:to");
        }
    }

    boolean usesFromTo() {
        return !sql.contains(KEY_RANGE);
    }

    /** The statement for {@code range}, with every value bound. {@code fromBeforeFirst}: :from of the first batch. */
    PreparedStatement prepare(Connection connection, String prefix, KeyRange range, String fromBeforeFirst) throws SQLException {
        Map<String, Object> bound = new HashMap<>(values);
        String text = sql;
        if (usesFromTo()) {
            bound.put("from", new Untyped(range.first() ? fromBeforeFirst : range.from().get(0)));
            bound.put("to", new Untyped(range.to().get(0)));
        } else {
            text = text.replace(KEY_RANGE, predicate(range, bound));
        }
        return NamedSql.prepare(connection, prefix + text, bound);
    }

    private String predicate(KeyRange range, Map<String, Object> bound) {
        String columns = "(" + String.join(", ", key.stream().map(Identifiers::quote).toList()) + ")";
        String upper = columns + " <= " + placeholders("to", range.to(), bound);
        return range.first() ? "(" + upper + ")"
                : "(" + columns + " > " + placeholders("from", range.from(), bound) + " AND " + upper + ")";
    }

    private static String placeholders(String side, List<String> keyValues, Map<String, Object> bound) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < keyValues.size(); i++) {
            String name = BOUND + side + "_" + i;
            bound.put(name, new Untyped(keyValues.get(i)));
            names.add(":" + name);
        }
        return "(" + String.join(", ", names) + ")";
    }

}
