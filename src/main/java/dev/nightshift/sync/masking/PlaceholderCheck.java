package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveColumn;
import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.sync.schema.LiveTable;

import java.util.Optional;

/**
 * A template renders the row's values as they are read from the source, so a placeholder naming a masked
 * column would copy that column's original into the target. Only columns the rules copy unchanged may be
 * named; a masked column's output is reachable through {@code {masked.col}}, which must not itself read
 * another masked output (no chains, so no cycles).
 */
final class PlaceholderCheck {

    private PlaceholderCheck() {
    }

    static void check(MaskingRules rules, LiveSchema schema, Findings out) {
        for (LiveTable table : schema.tables()) {
            rules.table(table.qualifiedName()).filter(r -> !r.skipData()).ifPresent(tableRules ->
                    tableRules.masked().forEach((column, rule) -> {
                        if (!"keep".equals(rule.strategy())) {
                            TemplatePlaceholders.withNested(rule).forEach(template -> TemplatePlaceholders.of(template)
                                    .forEach(p -> problem(table, tableRules, column, rule, p)
                                            .ifPresent(why -> out.problem(table.qualifiedName(), column, why))));
                        }
                    }));
        }
    }

    private static Optional<String> problem(LiveTable table, TableRules rules, String column, ColumnRule rule,
                                            String placeholder) {
        String named = TemplatePlaceholders.column(placeholder);
        Optional<LiveColumn> live = table.column(named);
        if (live.isEmpty()) {
            return Optional.empty(); // reported as an unknown name
        }
        String where = "rule " + CopiedValues.describe(rule) + ": placeholder {" + placeholder + "}";
        if (live.get().generated()) {
            return Optional.of(where + " names a generated column, which is not copied but recomputed on the"
                    + " target; name the columns it is computed from");
        }
        ColumnRule namedRule = rules.masked().get(named);
        if (TemplatePlaceholders.masked(placeholder)) {
            boolean chained = namedRule != null && TemplatePlaceholders.withNested(namedRule).stream()
                    .flatMap(r -> TemplatePlaceholders.of(r).stream()).anyMatch(TemplatePlaceholders::masked);
            return chained || named.equals(column)
                    ? Optional.of(where + " reads the masked value of " + named + ", which is itself computed from a"
                    + " masked value (or is this column); name a column whose rule has no {masked.…} placeholder")
                    : Optional.empty();
        }
        if (rules.keepsUnchanged(named)) {
            return Optional.empty();
        }
        return Optional.of(where + " would copy the original value of " + named
                + (namedRule == null ? ", which the rules do not keep" : ", which the rules mask ("
                + CopiedValues.describe(namedRule) + ")") + "; write {masked." + named
                + "} for its masked value, or keep " + named + " unchanged");
    }
}
