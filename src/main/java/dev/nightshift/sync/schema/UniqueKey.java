package dev.nightshift.sync.schema;

import java.util.List;
import java.util.Objects;

/**
 * A primary key, unique constraint or unique index. {@code columns} holds the key columns in index order,
 * followed, for an expression or partial index, by the columns its expressions and predicate read: masking
 * any of them can make two rows collide.
 */
public record UniqueKey(String name, Kind kind, List<String> columns, boolean expression, boolean partial) {

    public enum Kind { PRIMARY_KEY, UNIQUE_CONSTRAINT, UNIQUE_INDEX }

    public UniqueKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
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
        return what + " " + name + " (" + String.join(", ", columns) + ")";
    }
}
