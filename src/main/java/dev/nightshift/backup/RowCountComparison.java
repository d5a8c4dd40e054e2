package dev.nightshift.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Row counts of a restored copy against the counts recorded from the dump's snapshot. */
final class RowCountComparison {

    private RowCountComparison() {
    }

    /** One line per table whose restored count differs from the expected one (or is missing); empty when all match. */
    static List<String> differences(Map<String, Long> expected, Map<String, Long> restored) {
        List<String> differences = new ArrayList<>();
        expected.forEach((table, count) -> {
            Long actual = restored.get(table);
            if (!count.equals(actual)) {
                differences.add(table + " has " + actual + " rows, expected " + count);
            }
        });
        return differences;
    }
}
