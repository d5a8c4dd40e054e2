package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveColumn;
import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.sync.schema.LiveTable;
import dev.nightshift.sync.schema.UniqueKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two rows masked to the same key would make the target reject the copy, or its unique index fail to build.
 * A masked column may sit in a key element, in an expression of one (also through a generated column the
 * key holds), or in a partial index's predicate: each is proven or refused here, before anything runs.
 */
final class UniquenessCheck {

    private UniquenessCheck() {
    }

    static void check(MaskingRules rules, LiveSchema schema, Findings out) {
        for (LiveTable table : schema.tables()) {
            rules.table(table.qualifiedName()).filter(r -> !r.keepAll() && !r.skipData()).ifPresent(tableRules ->
                    tableRules.masked().forEach((column, rule) -> {
                        for (UniqueKey key : table.uniqueKeys()) {
                            if (!key.columns().contains(column) && generatedFrom(table, key, column).isEmpty()) {
                                continue;
                            }
                            whyNot(key, column, rule, table, tableRules).ifPresent(why -> out.problem(
                                    table.qualifiedName(), column, "is part of " + key.describe() + ", but " + why));
                        }
                    }));
        }
    }

    /** The expressions of the key's generated columns that read {@code column}: the target recomputes them. */
    private static List<String> generatedFrom(LiveTable table, UniqueKey key, String column) {
        return key.columns().stream().map(table::column).flatMap(Optional::stream)
                .filter(c -> c.generation() != null && KeyElements.reads(c.generation(), column))
                .map(LiveColumn::generation).toList();
    }

    private static Optional<String> whyNot(UniqueKey key, String column, ColumnRule rule, LiveTable table,
                                           TableRules tableRules) {
        if ("keep".equals(rule.strategy())) {
            return Optional.empty();
        }
        if (key.predicate() != null && KeyElements.reads(key.predicate(), column)
                && (rule.strategy().equals("null") || !KeyElements.readsOnlyNullness(key.predicate(), column))) {
            return Optional.of("its WHERE condition reads the masked column, so it would cover other rows on the"
                    + " target; base the condition on kept columns (" + column + " IS NOT NULL is fine), or keep "
                    + column);
        }
        boolean plain = key.elements().stream().anyMatch(e -> KeyElements.isColumn(e, column));
        List<String> expressions = new ArrayList<>(key.elements().stream()
                .filter(e -> !KeyElements.isColumn(e, column) && KeyElements.reads(e, column)).toList());
        expressions.addAll(generatedFrom(table, key, column));
        if (!plain && expressions.isEmpty()) {
            return Optional.empty(); // only its WHERE condition reads the column, and only its nullness
        }
        for (String expression : expressions) {
            if (!KeyElements.caseFunctionOf(expression, column)) {
                return Optional.of("masked values that differ can be equal under its expression " + expression
                        + "; keep " + column + " (only lower() and upper() of a hash or of a template over an"
                        + " integer or uuid column are proven)");
            }
        }
        return Injectivity.whyNot(rule, table, tableRules, key, !expressions.isEmpty()).map(why -> why
                + "; use keep, hash (length >= " + Injectivity.MIN_HASH_LENGTH + ") or a template with such a"
                + " column, e.g. {id}");
    }
}
