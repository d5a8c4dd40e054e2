package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.ForeignKey;
import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.sync.schema.LiveTable;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A foreign key survives masking only when both ends map each value the same way: the identical rule on
 * both, computed from the value alone. A template reads other columns of its row, which differ between the
 * two tables; null would orphan every referencing row.
 */
final class ForeignKeyCheck {

    private static final Set<String> NOT_FROM_VALUE_ALONE = Set.of("template", "null");

    private ForeignKeyCheck() {
    }

    static void check(MaskingRules rules, LiveSchema schema, Findings out) {
        for (LiveTable table : schema.tables()) {
            if (!CopiedValues.copiesRows(rules, table.qualifiedName())) {
                continue;
            }
            for (ForeignKey key : table.foreignKeys()) {
                if (!CopiedValues.copiesRows(rules, key.referencedTable())) {
                    continue; // no rows to match: RowSetCheck reports the skipped table instead
                }
                for (int i = 0; i < key.columns().size(); i++) {
                    check(rules, new End(table.qualifiedName(), key.columns().get(i)),
                            new End(key.referencedTable(), key.referencedColumns().get(i)), key.name(), out);
                }
            }
        }
    }

    private static void check(MaskingRules rules, End from, End to, String keyName, Findings out) {
        Optional<ColumnRule> fromRule = CopiedValues.masking(rules, from.table, from.column);
        Optional<ColumnRule> toRule = CopiedValues.masking(rules, to.table, to.column);
        if (!Objects.equals(fromRule, toRule)) {
            String message = "foreign key " + keyName + " pairs " + from + " (" + describe(fromRule) + ") with "
                    + to + " (" + describe(toRule) + "); give both the identical rule";
            out.problem(from.table, from.column, message);
            out.problem(to.table, to.column, message);
        } else if (fromRule.isPresent() && NOT_FROM_VALUE_ALONE.contains(fromRule.get().strategy())) {
            String message = "foreign key " + keyName + " pairs " + from + " with " + to + ", both masked with "
                    + fromRule.get().strategy() + ", which does not map a value the same way in both tables; use a "
                    + "strategy computed from the value alone (hash, fake, random, ...)";
            out.problem(from.table, from.column, message);
            out.problem(to.table, to.column, message);
        }
    }

    private static String describe(Optional<ColumnRule> rule) {
        return rule.map(CopiedValues::describe).orElse("copied unchanged");
    }

    private record End(String table, String column) {

        @Override
        public String toString() {
            return table + "." + column;
        }
    }
}
