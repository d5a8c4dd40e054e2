package dev.nightshift.sync.masking;

import java.util.Optional;

/** What the rules make of a table's rows and a column's values, as the checks of the validator need it. */
final class CopiedValues {

    private CopiedValues() {
    }

    /** A table absent from the rules counts as copied: the coverage check already demands rules for it. */
    static boolean copiesRows(MaskingRules rules, String table) {
        return rules.table(table).map(t -> !t.skipData()).orElse(true);
    }

    /** The rule that changes the column's values; empty when they are copied as they are (or not at all). */
    static Optional<ColumnRule> masking(MaskingRules rules, String table, String column) {
        return rules.table(table)
                .filter(t -> !t.keepAll() && !t.skipData())
                .map(t -> t.masked().get(column))
                .filter(rule -> !rule.strategy().equals("keep"));
    }

    static String describe(ColumnRule rule) {
        return new PiiSuggestion("x", rule).describe().substring("x: ".length());
    }
}
