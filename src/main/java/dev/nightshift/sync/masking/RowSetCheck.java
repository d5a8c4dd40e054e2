package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.ForeignKey;
import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.sync.schema.LiveTable;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Rows left out of a referenced table would leave referencing rows dangling and the foreign key unbuildable.
 * A row filter must not read a masked column: from a backup the sync can only filter the masked copy, so
 * the same rules would select other rows depending on the source.
 */
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
                if (tableRules.filter() != null) {
                    for (String column : tableRules.masked().keySet()) {
                        if (!"keep".equals(tableRules.masked().get(column).strategy())
                                && Pattern.compile("(?i)(?<![\\w$])\"?" + Pattern.quote(column) + "\"?(?![\\w$])")
                                .matcher(tableRules.filter()).find()) {
                            out.problem(name, column, "is masked but the row filter reads it; a sync from a backup"
                                    + " filters the masked copy, so filter on a kept column instead");
                        }
                    }
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
