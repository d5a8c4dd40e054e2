package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveColumn;
import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.sync.schema.LiveTable;

import java.util.Optional;

/**
 * Default deny: a column is copied only when the rules say how. Generated columns are the exception both
 * ways: the target recomputes them from the masked values, so they need no rule and a rule would be ignored.
 */
final class CoverageCheck {

    private CoverageCheck() {
    }

    static void check(MaskingRules rules, LiveSchema schema, Findings out) {
        for (LiveTable table : schema.tables()) {
            Optional<TableRules> tableRules = rules.table(table.qualifiedName());
            for (LiveColumn column : table.columns()) {
                if (column.generated()) {
                    tableRules.filter(r -> r.masked().containsKey(column.name())).ifPresent(r -> out.problem(
                            table.qualifiedName(), column.name(), "is a generated column, recomputed from the masked "
                                    + "values on the target; remove its masking rule"));
                } else if (tableRules.isEmpty()) {
                    out.uncovered(table, column, "not covered: the table has no rules", false);
                } else if (!covers(tableRules.get(), column.name())) {
                    out.uncovered(table, column, "not covered: mask it, keep it, or mark the table keep-all or skip-data",
                            true);
                }
            }
        }
    }

    private static boolean covers(TableRules rules, String column) {
        return rules.keepAll() || rules.skipData() || rules.masked().containsKey(column) || rules.kept().contains(column);
    }
}
