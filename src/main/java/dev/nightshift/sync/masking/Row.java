package dev.nightshift.sync.masking;

import java.util.Map;

/**
 * The original (unmasked) values of the row being masked, in PostgreSQL text format, by column name;
 * {@code null} is SQL NULL. Strategies read them so a masked value can be derived from, say, the row's id.
 */
@FunctionalInterface
public interface Row {

    /** The original value of {@code column}; throws {@link IllegalArgumentException} if the row has no such column. */
    String get(String column);

    static Row of(Map<String, String> values) {
        return column -> {
            if (!values.containsKey(column)) {
                throw new IllegalArgumentException("the row has no column " + column);
            }
            return values.get(column);
        };
    }

    static Row empty() {
        return of(Map.of());
    }
}
