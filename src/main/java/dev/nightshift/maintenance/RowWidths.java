package dev.nightshift.maintenance;

/** What pg_stats says about a table's rows: the input of the heap bloat estimate. */
record RowWidths(int columns, double dataWidth, boolean hasNulls, int columnsWithoutStats, boolean hasNameColumn,
                 int fillfactor) {
}
