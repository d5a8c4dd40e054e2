package dev.nightshift.sync.schema;

import java.util.List;
import java.util.Objects;

/**
 * A primary key, unique constraint or unique index. {@code columns} holds the key columns in index order,
 * followed, for an expression or partial index, by the columns its expressions and predicate read: masking
 * any of them can make two rows collide. {@code elements} are the key's elements as PostgreSQL prints them
 * (a column name, quoted if needed, or an expression like {@code lower(email)}); {@code predicate} is the
 * partial index's WHERE condition, null for a full index.
 */
public record UniqueKey(String name, Kind kind, List<String> columns, boolean expression, boolean partial,
                        List<String> elements, String predicate) {

    public enum Kind { PRIMARY_KEY, UNIQUE_CONSTRAINT, UNIQUE_INDEX }

    public UniqueKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
        elements = List.copyOf(elements);
    }

    /** A key on plain columns, which is what a primary key or unique constraint always is. */
    public UniqueKey(String name, Kind kind, List<String> columns, boolean expression, boolean partial) {
        this(name, kind, columns, expression, partial, columns, null);
    }

    /** True when this key alone makes {@code column} unique, so copying the column unchanged keeps rows apart. */
    public boolean makesUnique(String column) {
        return !expression && !partial && columns.equals(List.of(column));
    }

    public String describe() {
        String what = switch (kind) {
            case PRIMARY_KEY -> "primary key";
            case UNIQUE_CONSTRAINT -> "unique constraint";
            case UNIQUE_INDEX -> "unique index";
        };
        return what + " " + name + " (" + String.join(", ", expression ? elements : columns) + ")"
                + (predicate == null ? "" : " WHERE " + predicate);
    }
}
