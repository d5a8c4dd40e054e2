package dev.nightshift.sync.masking;

import dev.nightshift.postgres.CopyText;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * Masks one row given as UTF-8 COPY text in {@code data[start, end)} (no line end) and appends it to
     * {@code out}. Only the masked columns (and the ones their strategies read) are decoded; every other
     * field is copied as raw bytes, which is what keeps a wide table with one masked column fast.
     */
    public void mask(byte[] data, int start, int end, ByteArrayOutputStream out) {
        if (passThrough) {
            out.write(data, start, end - start);
            return;
        }
        int[] bounds = new int[columns.size() + 1];
        int fields = 0;
        bounds[0] = start;
        for (int i = start; i < end; i++) {
            if (data[i] == '\t') {
                if (++fields >= columns.size()) {
                    throw new IllegalArgumentException("a row has more fields than the table's " + columns.size()
                            + " copied columns " + columns);
                }
                bounds[fields] = i + 1;
            }
        }
        if (fields != columns.size() - 1) {
            // never guess which value belongs to which column: a shifted row could copy a secret unmasked
            throw new IllegalArgumentException("a row has " + (fields + 1) + " fields but the table has "
                    + columns.size() + " copied columns " + columns);
        }
        bounds[columns.size()] = end + 1;
        Row row = column -> {
            Integer position = positions.get(column);
            if (position == null) {
                throw new IllegalArgumentException("the row has no column " + column);
            }
            return decode(data, bounds[position], bounds[position + 1] - 1);
        };
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < strategies.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            int from = bounds[i];
            int to = bounds[i + 1] - 1;
            if (strategies[i] == null) {
                out.write(data, from, to - from);
            } else {
                field.setLength(0);
                CopyText.format(Collections.singletonList(strategies[i].mask(decode(data, from, to), row)), field);
                byte[] encoded = field.toString().getBytes(StandardCharsets.UTF_8);
                out.write(encoded, 0, encoded.length);
            }
        }
    }

    private static String decode(byte[] data, int from, int to) {
        if (to - from == 2 && data[from] == '\\' && data[from + 1] == 'N') {
            return null;
        }
        String raw = new String(data, from, to - from, StandardCharsets.UTF_8);
        return raw.indexOf('\\') < 0 ? raw : CopyText.parse(raw).get(0);
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
