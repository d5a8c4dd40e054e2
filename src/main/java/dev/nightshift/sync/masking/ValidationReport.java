package dev.nightshift.sync.masking;

import java.util.List;

/** What {@link MaskingRuleValidator} found; the sync only runs when {@link #ok()}. */
public record ValidationReport(List<Problem> problems, List<UncoveredColumn> uncovered) {

    public ValidationReport {
        problems = List.copyOf(problems);
        uncovered = List.copyOf(uncovered);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** One line per problem, grouped by table, then a rules snippet to paste for each table's uncovered columns. */
    public String describe() {
        return ok() ? "the masking rules cover the schema" : ReportPrinter.print(this);
    }
}
