package dev.nightshift.maintenance;

import java.util.ArrayList;
import java.util.List;

/**
 * Estimates a heap's bloat the way the well-known pg_stats based queries do: the pages its live rows would
 * need (tuple header, null bitmap, average data width, line pointer, fillfactor) against the pages it has.
 * No table is read; where the statistics cannot describe the rows, the estimate says so.
 */
final class HeapBloatEstimator {

    static final int BLOCK_SIZE = 8192;
    private static final int PAGE_HEADER = 24;
    private static final int TUPLE_HEADER = 23;
    private static final int LINE_POINTER = 4;
    private static final int MAXALIGN = 8;
    /** below this, one page more or less is more than the 10 points anyone could trust */
    static final int MIN_PAGES = 10;

    private HeapBloatEstimator() {
    }

    static BloatEstimate estimate(TableHealth table, RowWidths widths, double analyzeModifiedPercent) {
        if (widths == null) {
            return BloatEstimate.unknown("no columns");
        }
        long pages = table.heapBytes() / BLOCK_SIZE;
        List<String> reasons = new ArrayList<>();
        if (table.reltuples() < 0 || table.neverAnalyzed() && widths.columnsWithoutStats() > 0) {
            reasons.add("no statistics (never analyzed)");
        } else if (widths.columnsWithoutStats() > 0) {
            reasons.add(widths.columnsWithoutStats() + " column(s) without statistics");
        }
        if (table.reltuples() > 0
                && table.modifiedSinceAnalyze() > table.reltuples() * analyzeModifiedPercent / 100.0) {
            reasons.add("statistics are stale (" + table.modifiedSinceAnalyze() + " rows changed since the last ANALYZE)");
        }
        if (table.toastBytes() > table.heapBytes()) {
            reasons.add("TOAST-heavy (most of the data is out of line)");
        }
        if (widths.hasNameColumn()) {
            reasons.add("has name columns (their statistics misstate the width)");
        }
        if (table.locked()) {
            reasons.add("locked by another session (sizes from the last statistics)");
        }
        if (pages < MIN_PAGES) {
            reasons.add("too small to estimate (" + pages + " pages)");
        }
        if (pages == 0) {
            return new BloatEstimate(0, 0, List.copyOf(reasons));
        }
        int header = align(TUPLE_HEADER + (widths.hasNulls() ? (widths.columns() + 7) / 8 : 0));
        double tupleBytes = align(header + widths.dataWidth()) + LINE_POINTER;
        double usable = (BLOCK_SIZE - PAGE_HEADER) * widths.fillfactor() / 100.0;
        double perPage = Math.max(1, Math.floor(usable / tupleBytes));
        long needed = (long) Math.ceil(Math.max(0, table.reltuples()) / perPage);
        long wastedPages = Math.max(0, pages - needed);
        return new BloatEstimate(wastedPages * BLOCK_SIZE, 100.0 * wastedPages / pages, List.copyOf(reasons));
    }

    static int align(double bytes) {
        return (int) (Math.ceil(bytes / MAXALIGN) * MAXALIGN);
    }
}
