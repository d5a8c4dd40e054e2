package dev.nightshift.sync.schema;

import java.util.List;
import java.util.Objects;

/** {@code columns[i]} references {@code referencedColumns[i]} of {@code referencedTable} ({@code schema.table}). */
public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns) {

    public ForeignKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(referencedTable, "referencedTable");
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        if (columns.size() != referencedColumns.size()) {
            throw new IllegalArgumentException("foreign key " + name + " pairs " + columns + " with " + referencedColumns);
        }
    }
}
