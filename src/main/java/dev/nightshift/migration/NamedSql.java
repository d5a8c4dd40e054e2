package dev.nightshift.migration;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * SQL with {@code :name} parameters (Spring's parser: it skips quotes, comments and {@code ::} casts),
 * prepared with every value bound.
 */
final class NamedSql {

    /** A value in PostgreSQL's text form, bound without a type so the server reads it as the column's own. */
    record Untyped(String text) {
    }

    private NamedSql() {
    }

    static PreparedStatement prepare(Connection connection, String sql, Map<String, Object> values) throws SQLException {
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(sql);
        MapSqlParameterSource source = new MapSqlParameterSource(values);
        Set<String> missing = new HashSet<>(names(sql));
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new MigrationFileException("the statement uses parameter(s) " + missing + " that have no value;"
                    + " declare them under params in the migration file");
        }
        Object[] args = NamedParameterUtils.buildValueArray(parsed, source, null);
        PreparedStatement statement = connection.prepareStatement(NamedParameterUtils.substituteNamedParameters(parsed, source));
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Untyped u) {
                statement.setObject(i + 1, u.text(), Types.OTHER);
            } else {
                statement.setObject(i + 1, args[i]);
            }
        }
        return statement;
    }

    static Set<String> names(String sql) {
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(sql);
        // the parser keeps the names to itself; a recording source collects them during substitution
        Set<String> names = new HashSet<>();
        NamedParameterUtils.substituteNamedParameters(parsed, new MapSqlParameterSource() {
            @Override
            public boolean hasValue(String paramName) {
                names.add(paramName);
                return true;
            }

            @Override
            public Object getValue(String paramName) {
                names.add(paramName);
                return null;
            }
        });
        return names;
    }
}
