package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.sync.schema.LiveTable;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** A rule for a name the schema lacks is most likely a typo, and the column it meant is then unmasked. */
final class UnknownNamesCheck {

    private UnknownNamesCheck() {
    }

    static void check(MaskingRules rules, LiveSchema schema, Findings out) {
        rules.tables().forEach((name, tableRules) -> {
            Optional<LiveTable> table = schema.table(name);
            if (table.isEmpty()) {
                out.problem(name, null, "no such table in the database (a typo, or a table since dropped?)");
                return;
            }
            Set<String> named = new LinkedHashSet<>(tableRules.masked().keySet());
            named.addAll(tableRules.kept());
            named.stream().filter(c -> table.get().column(c).isEmpty()).forEach(c ->
                    out.problem(name, c, "no such column in " + name));
            tableRules.masked().forEach((column, rule) -> TemplatePlaceholders.withNested(rule).stream()
                    .flatMap(r -> TemplatePlaceholders.of(r).stream())
                    .filter(p -> table.get().column(TemplatePlaceholders.column(p)).isEmpty())
                    .forEach(p -> out.problem(name, column, "template placeholder {" + p + "} names no column of " + name)));
        });
    }
}
