package dev.nightshift.sync.masking;

import java.util.List;

/** What {@link MaskingRuleValidator} found; the sync only runs when {@link #ok()}. */
public record ValidationReport(List<Problem> problems, List<UncoveredColumn> uncovered) {

    public ValidationReport {
        problems = List.copyOf(problems);
        uncovered = List.copyOf(uncovered);
    }

    /** This report with {@code more} problems found by a check outside the validator. */
    public ValidationReport with(List<Problem> more) {
        List<Problem> all = new java.util.ArrayList<>(problems);
        more.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return new ValidationReport(all, uncovered);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** One line per problem, grouped by table, then a rules snippet to paste for each table's uncovered columns. */
    public String describe() {
        return ok() ? "the masking rules cover the schema" : ReportPrinter.print(this);
    }
}
