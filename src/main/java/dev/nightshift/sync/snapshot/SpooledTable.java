package dev.nightshift.sync.snapshot;

import dev.nightshift.postgres.Identifiers;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One table part's masked rows in the spool: {@code file} (relative to the spool) holds them as a COPY stream
 * in the order of {@code columns}: text format (one line per row) or, from a live source, binary format where
 * the masking can read the columns it needs ({@code binary}; {@code types} then holds each column's base
 * type name, see {@link dev.nightshift.sync.masking.BinaryCodec}). Partitions are spooled one by one, like
 * pg_dump does.
 *
 * @param leaks         what the leak check found in these rows ({@link LeakTally#encode()}; empty when clean)
 * @param valuesChecked how many written values the leak check looked up among the originals
 */
public record SpooledTable(String schema, String name, List<String> columns, String file, long rows, long bytes,
                    boolean binary, List<String> types, String leaks, long valuesChecked) {

    public SpooledTable {
        columns = List.copyOf(columns);
        types = types == null ? List.of() : List.copyOf(types);
        leaks = leaks == null ? "" : leaks;
    }

    /** A part about to be extracted: its shape, no rows yet. */
    public static SpooledTable shape(String schema, String name, List<String> columns, String file, boolean binary,
                              List<String> types) {
        return new SpooledTable(schema, name, columns, file, 0, 0, binary, binary ? types : List.of(), "", 0);
    }

    public SpooledTable extracted(long rows, long bytes, LeakTally ownOriginalLeaks) {
        return new SpooledTable(schema, name, columns, file, rows, bytes, binary, types, ownOriginalLeaks.encode(), 0);
    }

    public SpooledTable checked(LeakTally found, long lookups) {
        LeakTally all = LeakTally.decode(leaks);
        all.addAll(found);
        return new SpooledTable(schema, name, columns, file, rows, bytes, binary, types, all.encode(), lookups);
    }

    /** {@code " (FORMAT binary)"} or nothing: the options of the COPY that reads or writes the file. */
    public String copyOptions() {
        return binary ? " (FORMAT binary)" : "";
    }

    public String qualifiedName() {
        return schema + "." + name;
    }

    /** {@code "schema"."table" ("a", "b")}: the target of the COPY that loads the rows. */
    public String copyTarget() {
        if (columns.isEmpty()) {
            return Identifiers.quote(schema, name);
        }
        return Identifiers.quote(schema, name) + columns.stream().map(Identifiers::quote)
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
