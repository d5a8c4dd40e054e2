package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.ForeignKey;
import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.sync.schema.LiveTable;

import java.util.List;

/** Rows left out of a referenced table would leave referencing rows dangling and the foreign key unbuildable. */
final class RowSetCheck {

    private RowSetCheck() {
    }

    static void check(MaskingRules rules, LiveSchema schema, Findings out) {
        for (LiveTable table : schema.tables()) {
            String name = table.qualifiedName();
            rules.table(name).ifPresent(tableRules -> {
                if (tableRules.filter() != null && table.referenced()) {
                    out.problem(name, null, "has a row filter, but foreign keys of " + String.join(", ", referencing(schema, name))
                            + " point to it, so rows they need could be left out; remove the filter");
                }
                List<String> withData = referencing(schema, name).stream()
                        .filter(t -> !t.equals(name) && CopiedValues.copiesRows(rules, t)).toList();
                if (tableRules.skipData() && !withData.isEmpty()) {
                    out.problem(name, null, "is skip-data, but " + String.join(", ", withData) + " copy rows "
                            + "that reference it, so their foreign keys could not be created; copy its rows or "
                            + "skip theirs too");
                }
            });
        }
    }

    private static List<String> referencing(LiveSchema schema, String table) {
        return schema.tables().stream()
                .filter(t -> t.foreignKeys().stream().map(ForeignKey::referencedTable).anyMatch(table::equals))
                .map(LiveTable::qualifiedName)
                .toList();
    }
}
