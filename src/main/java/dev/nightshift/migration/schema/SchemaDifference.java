package dev.nightshift.migration.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The lines of two normalized schema dumps that only one of them has: {@code -} before, {@code +} after. */
final class SchemaDifference {

    private SchemaDifference() {
    }

    static List<String> lines(String before, String after) {
        if (before.equals(after)) {
            return List.of();
        }
        Set<String> a = new LinkedHashSet<>(before.lines().toList());
        Set<String> b = new LinkedHashSet<>(after.lines().toList());
        List<String> difference = new ArrayList<>();
        a.stream().filter(line -> !b.contains(line)).forEach(line -> difference.add("- " + line));
        b.stream().filter(line -> !a.contains(line)).forEach(line -> difference.add("+ " + line));
        if (difference.isEmpty()) {
            difference.add("~ the same statements in another order");
        }
        return difference;
    }
}
