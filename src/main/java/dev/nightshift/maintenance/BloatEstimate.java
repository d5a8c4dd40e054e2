package dev.nightshift.maintenance;

import java.util.List;

/**
 * Estimated wasted space of a table or index, from its statistics (no scan). {@code reasons} says why the
 * estimate should not be trusted; empty means reliable.
 */
record BloatEstimate(long bytes, double percent, List<String> reasons) {

    static BloatEstimate unknown(String reason) {
        return new BloatEstimate(0, 0, List.of(reason));
    }

    boolean reliable() {
        return reasons.isEmpty();
    }
}
