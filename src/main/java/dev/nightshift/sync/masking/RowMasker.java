package dev.nightshift.sync.masking;

import dev.nightshift.postgres.CopyBinary;
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
    private final BinaryCodec[] codecs;

    private RowMasker(List<String> columns, MaskingStrategy[] strategies, BinaryCodec[] codecs) {
        this.columns = List.copyOf(columns);
        this.strategies = strategies;
        this.codecs = codecs;
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
        return forTable(columns, List.of(), rules, salt);
    }

    /**
     * @param binaryTypes for rows in COPY binary format, each column's type name (see {@link BinaryCodec});
     *                    empty for COPY text rows
     */
    public static RowMasker forTable(List<String> columns, List<String> binaryTypes, TableRules rules, byte[] salt) {
        MaskingStrategy[] strategies = new MaskingStrategy[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            ColumnRule rule = rules.masked().get(columns.get(i));
            if (rule != null && !"keep".equals(rule.strategy())) {
                strategies[i] = MaskingStrategies.create(rule, salt);
            }
        }
        BinaryCodec[] codecs = null;
        if (!binaryTypes.isEmpty()) {
            codecs = new BinaryCodec[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                codecs[i] = BinaryCodec.forType(binaryTypes.get(i));
            }
        }
        return new RowMasker(columns, strategies, codecs);
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
        row = withMasked(row);
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

    /**
     * Adds {@code masked.col} to what a strategy can read: the column's masked value of this row, computed
     * again from its original (every strategy is deterministic, so it equals the value written).
     */
    private Row withMasked(Row originals) {
        return new Row() {
            @Override
            public String get(String column) {
                if (!column.startsWith(TemplatePlaceholders.MASKED)) {
                    return originals.get(column);
                }
                String name = TemplatePlaceholders.column(column);
                Integer position = positions.get(name);
                if (position == null) {
                    throw new IllegalArgumentException("the row has no column " + name);
                }
                String original = originals.get(name);
                return strategies[position] == null ? original : strategies[position].mask(original, this);
            }
        };
    }

    private static String decode(byte[] data, int from, int to) {
        if (to - from == 2 && data[from] == '\\' && data[from + 1] == 'N') {
            return null;
        }
        String raw = new String(data, from, to - from, StandardCharsets.UTF_8);
        return raw.indexOf('\\') < 0 ? raw : CopyText.parse(raw).get(0);
    }

    /**
     * Masks one row in COPY binary format, {@code data[start, end)}, and appends it to {@code out}. Runs of
     * kept fields are copied as they are; only masked fields (and those their strategies read) are decoded.
     */
    public void maskBinary(byte[] data, int start, int end, ByteSink out) {
        int count = columns.size();
        int fields = CopyBinary.int16(data, start);
        if (fields != count) {
            throw new IllegalArgumentException("a row has " + fields + " fields but the table has " + count
                    + " copied columns " + columns);
        }
        int[] at = new int[count + 1]; // where each field's length word starts
        int position = start + 2;
        for (int f = 0; f < count; f++) {
            at[f] = position;
            position += 4 + Math.max(0, CopyBinary.int32(data, position));
        }
        at[count] = position;
        if (position != end) {
            throw new IllegalArgumentException("a binary row's fields do not add up to its length");
        }
        Row row = column -> {
            Integer p = positions.get(column);
            if (p == null) {
                throw new IllegalArgumentException("the row has no column " + column);
            }
            return binaryValue(data, at[p], p);
        };
        row = withMasked(row);
        out.writeShort(count);
        int runStart = at[0];
        for (int f = 0; f < count; f++) {
            if (strategies[f] == null) {
                continue;
            }
            out.write(data, runStart, at[f] - runStart);
            String masked = strategies[f].mask(binaryValue(data, at[f], f), row);
            if (masked == null) {
                out.writeInt(-1);
            } else {
                byte[] encoded = codecs[f].encode(masked);
                out.writeInt(encoded.length);
                out.write(encoded, 0, encoded.length);
            }
            runStart = at[f + 1];
        }
        out.write(data, runStart, end - runStart);
    }

    private String binaryValue(byte[] data, int lengthAt, int column) {
        int length = CopyBinary.int32(data, lengthAt);
        if (length < 0) {
            return null;
        }
        if (codecs == null || codecs[column] == null) {
            throw new IllegalStateException("column " + columns.get(column) + " cannot be read from a binary copy");
        }
        return codecs[column].decode(data, lengthAt + 4, length);
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
        row = withMasked(row);
        List<String> masked = new ArrayList<>(original.size());
        for (int i = 0; i < strategies.length; i++) {
            masked.add(strategies[i] == null ? original.get(i) : strategies[i].mask(original.get(i), row));
        }
        CopyText.format(masked, out);
    }
}
