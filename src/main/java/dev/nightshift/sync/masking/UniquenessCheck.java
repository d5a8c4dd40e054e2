package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.sync.schema.LiveTable;
import dev.nightshift.sync.schema.UniqueKey;

/** Two rows masked to the same key would make the target reject the copy, or its unique index fail to build. */
final class UniquenessCheck {

    private UniquenessCheck() {
    }

    static void check(MaskingRules rules, LiveSchema schema, Findings out) {
        for (LiveTable table : schema.tables()) {
            rules.table(table.qualifiedName()).filter(r -> !r.keepAll() && !r.skipData()).ifPresent(tableRules ->
                    tableRules.masked().forEach((column, rule) -> {
                        for (UniqueKey key : table.uniqueKeysWith(column)) {
                            Injectivity.whyNot(rule, table, tableRules).ifPresent(why -> out.problem(
                                    table.qualifiedName(), column, "is part of " + key.describe() + ", but " + why
                                            + "; use keep, hash (length >= " + Injectivity.MIN_HASH_LENGTH
                                            + ") or a template with such a column, e.g. {id}"));
                        }
                    }));
        }
    }
}
