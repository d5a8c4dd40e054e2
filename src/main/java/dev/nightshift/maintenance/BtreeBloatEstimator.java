package dev.nightshift.maintenance;

import java.util.ArrayList;
import java.util.List;

/**
 * Estimates a btree's bloat from its key columns' average width: the leaf pages its entries would need at the
 * index's fillfactor against the pages it has. Internal pages and deduplication are ignored, so the estimate
 * errs on the low side.
 */
final class BtreeBloatEstimator {

    private static final int PAGE_HEADER = 24;
    private static final int BTREE_SPECIAL = 16;
    private static final int INDEX_TUPLE_HEADER = 8;
    private static final int LINE_POINTER = 4;

    private BtreeBloatEstimator() {
    }

    /** Null for an index that is not a btree: there is no estimate for it. */
    static BloatEstimate estimate(String method, boolean hasExpressions, long bytes, double reltuples, double keyWidth,
                                  int columnsWithoutStats, int fillfactor) {
        if (!"btree".equals(method)) {
            return null;
        }
        long pages = bytes / HeapBloatEstimator.BLOCK_SIZE;
        List<String> reasons = new ArrayList<>();
        if (hasExpressions) {
            reasons.add("expression index (no width statistics)");
        }
        if (columnsWithoutStats > 0 || reltuples < 0) {
            reasons.add("no statistics");
        }
        if (pages < HeapBloatEstimator.MIN_PAGES) {
            reasons.add("too small to estimate (" + pages + " pages)");
        }
        if (pages <= 1) {
            return new BloatEstimate(0, 0, List.copyOf(reasons));
        }
        double entry = HeapBloatEstimator.align(INDEX_TUPLE_HEADER + keyWidth) + LINE_POINTER;
        double usable = (HeapBloatEstimator.BLOCK_SIZE - PAGE_HEADER - BTREE_SPECIAL) * fillfactor / 100.0;
        double perPage = Math.max(1, Math.floor(usable / entry));
        long needed = 1 + (long) Math.ceil(Math.max(0, reltuples) / perPage); // + the metapage
        long wasted = Math.max(0, pages - needed);
        return new BloatEstimate(wasted * HeapBloatEstimator.BLOCK_SIZE, 100.0 * wasted / pages, List.copyOf(reasons));
    }
}
