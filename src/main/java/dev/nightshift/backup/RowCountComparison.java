package dev.nightshift.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Row counts of a restored copy against the counts recorded from the dump's snapshot. */
final class RowCountComparison {

    private RowCountComparison() {
    }

    /**
     * One line per table whose restored count differs from the expected one, is missing from the restored
     * copy, or was restored without being expected; empty when all match.
     */
    static List<String> differences(Map<String, Long> expected, Map<String, Long> restored) {
        List<String> differences = new ArrayList<>();
        expected.forEach((table, count) -> {
            Long actual = restored.get(table);
            if (!count.equals(actual)) {
                differences.add(actual == null ? table + " is missing from the restored copy (expected " + count + " rows)"
                        : table + " has " + actual + " rows, expected " + count);
            }
        });
        restored.forEach((table, count) -> {
            if (!expected.containsKey(table)) {
                differences.add(table + " was restored with " + count + " rows but is not in the expected counts");
            }
        });
        return differences;
    }
}
