package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveColumn;
import dev.nightshift.sync.schema.LiveTable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects what the checks find; a set, because two checks (or both ends of a key) may find the same thing. */
final class Findings {

    private final Set<Problem> problems = new LinkedHashSet<>();
    private final List<UncoveredColumn> uncovered = new ArrayList<>();

    void problem(String table, String column, String message) {
        problems.add(new Problem(table, column, message));
    }

    void uncovered(LiveTable table, LiveColumn column, String message, boolean tableHasRules) {
        problem(table.qualifiedName(), column.name(), message);
        uncovered.add(new UncoveredColumn(table.qualifiedName(), column.name(), column.type(), tableHasRules));
    }

    ValidationReport report() {
        return new ValidationReport(new ArrayList<>(problems), uncovered);
    }
}
