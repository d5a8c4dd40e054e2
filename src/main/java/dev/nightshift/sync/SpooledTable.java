package dev.nightshift.sync;

import dev.nightshift.postgres.Identifiers;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One table's rows waiting in the spool: {@code file} (relative to the spool) holds them as a COPY stream in
 * the order of {@code columns}: text format (one line per row) or, from a live source, binary format where
 * the masking can read the columns it needs ({@code binary}; {@code types} then holds each column's base
 * type name, see {@link dev.nightshift.sync.masking.BinaryCodec}; {@code sampleOffsets} where evenly
 * spaced rows start, for the samplers). Partitions are spooled one by one, like
 * pg_dump does.
 */
record SpooledTable(String schema, String name, List<String> columns, String file, long rows, long bytes,
                    boolean binary, List<String> types, List<Long> sampleOffsets) {

    SpooledTable {
        columns = List.copyOf(columns);
        types = types == null ? List.of() : List.copyOf(types);
        sampleOffsets = sampleOffsets == null ? List.of() : List.copyOf(sampleOffsets);
    }

    SpooledTable(String schema, String name, List<String> columns, String file, long rows, long bytes) {
        this(schema, name, columns, file, rows, bytes, false, List.of(), List.of());
    }

    /** {@code " (FORMAT binary)"} or nothing: the options of the COPY that reads or writes the file. */
    String copyOptions() {
        return binary ? " (FORMAT binary)" : "";
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
