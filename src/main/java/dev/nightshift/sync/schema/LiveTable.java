package dev.nightshift.sync.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table whose rows the sync copies: a plain or partitioned table (its partitions are copied through it).
 * {@code referenced} tells whether some foreign key of a listed table points to it.
 */
public record LiveTable(String schema, String name, boolean partitioned, List<LiveColumn> columns,
                        List<UniqueKey> uniqueKeys, List<ForeignKey> foreignKeys, boolean referenced, boolean foreign) {

    public LiveTable {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        uniqueKeys = List.copyOf(uniqueKeys);
        foreignKeys = List.copyOf(foreignKeys);
    }

    public LiveTable(String schema, String name, boolean partitioned, List<LiveColumn> columns,
                     List<UniqueKey> uniqueKeys, List<ForeignKey> foreignKeys, boolean referenced) {
        this(schema, name, partitioned, columns, uniqueKeys, foreignKeys, referenced, false);
    }

    /** {@code schema.table}, the key of the masking rules. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    public Optional<LiveColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<UniqueKey> uniqueKeysWith(String columnName) {
        return uniqueKeys.stream().filter(k -> k.columns().contains(columnName)).toList();
    }
}
