package dev.nightshift.sync;

import dev.nightshift.postgres.Identifiers;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One table's rows waiting in the spool: {@code file} (relative to the spool) holds them in COPY text format,
 * one line per row, in the order of {@code columns}. Partitions are spooled one by one, like pg_dump does.
 */
record SpooledTable(String schema, String name, List<String> columns, String file, long rows, long bytes) {

    SpooledTable {
        columns = List.copyOf(columns);
    }

    String qualifiedName() {
        return schema + "." + name;
    }

    /** {@code "schema"."table" ("a", "b")}: the target of the COPY that loads the rows. */
    String copyTarget() {
        if (columns.isEmpty()) {
            return Identifiers.quote(schema, name);
        }
        return Identifiers.quote(schema, name) + columns.stream().map(Identifiers::quote)
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
