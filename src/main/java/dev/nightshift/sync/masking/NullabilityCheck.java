package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveColumn;
import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.sync.schema.LiveTable;

/** Nulling a NOT NULL column would make the COPY into the target fail halfway through the sync. */
final class NullabilityCheck {

    private NullabilityCheck() {
    }

    static void check(MaskingRules rules, LiveSchema schema, Findings out) {
        for (LiveTable table : schema.tables()) {
            for (LiveColumn column : table.columns()) {
                CopiedValues.masking(rules, table.qualifiedName(), column.name())
                        .filter(rule -> rule.strategy().equals("null") && column.notNull())
                        .ifPresent(rule -> out.problem(table.qualifiedName(), column.name(),
                                "is NOT NULL, so strategy null cannot be used; pick another strategy"));
            }
        }
    }
}
