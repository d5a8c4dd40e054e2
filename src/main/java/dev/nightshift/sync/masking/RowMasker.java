package dev.nightshift.sync.masking;

import dev.nightshift.postgres.CopyText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks the COPY text rows of one table: the columns in {@code columns} order, each masked column through
 * its strategy, every strategy reading the row's original values. A table with no masked column is a
 * pass-through and its rows are never parsed, which keeps the unmasked tables at raw COPY speed.
 */
public final class RowMasker {

    private final List<String> columns;
    private final MaskingStrategy[] strategies;
    private final Map<String, Integer> positions = new HashMap<>();
    private final boolean passThrough;

    private RowMasker(List<String> columns, MaskingStrategy[] strategies) {
        this.columns = List.copyOf(columns);
        this.strategies = strategies;
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i), i);
        }
        boolean anyMasked = false;
        for (MaskingStrategy strategy : strategies) {
            anyMasked |= strategy != null;
        }
        this.passThrough = !anyMasked;
    }

    /**
     * @param columns the table's copied columns, in the order of the COPY stream
     * @param rules   the table's rules (validated against the schema beforehand)
     */
    public static RowMasker forTable(List<String> columns, TableRules rules, byte[] salt) {
        MaskingStrategy[] strategies = new MaskingStrategy[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            ColumnRule rule = rules.masked().get(columns.get(i));
            if (rule != null && !"keep".equals(rule.strategy())) {
                strategies[i] = MaskingStrategies.create(rule, salt);
            }
        }
        return new RowMasker(columns, strategies);
    }

    public boolean passThrough() {
        return passThrough;
    }

    /** Appends the masked form of one row (no line end) to {@code out}. */
    public void mask(CharSequence line, StringBuilder out) {
        if (passThrough) {
            out.append(line);
            return;
        }
        List<String> original = CopyText.parse(line);
        if (original.size() != columns.size()) {
            // never guess which value belongs to which column: a shifted row could copy a secret unmasked
            throw new IllegalArgumentException("a row has " + original.size() + " fields but the table has "
                    + columns.size() + " copied columns " + columns);
        }
        Row row = column -> {
            Integer position = positions.get(column);
            if (position == null) {
                throw new IllegalArgumentException("the row has no column " + column);
            }
            return original.get(position);
        };
        List<String> masked = new ArrayList<>(original.size());
        for (int i = 0; i < strategies.length; i++) {
            masked.add(strategies[i] == null ? original.get(i) : strategies[i].mask(original.get(i), row));
        }
        CopyText.format(masked, out);
    }
}
