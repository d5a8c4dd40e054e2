package dev.nightshift.sync.leak;

import dev.nightshift.sync.masking.BinaryCodec;
import dev.nightshift.postgres.CopyBinary;
import dev.nightshift.postgres.CopyText;

import java.nio.charset.StandardCharsets;

/**
 * The fields of one COPY row (text or binary format), found without decoding any: a value is decoded only
 * when asked for. Reused row after row.
 */
final class RowFields {

    private final boolean binary;
    private final int[] starts;
    private final int[] ends; // -1 for NULL
    private byte[] data;

    RowFields(int columns, boolean binary) {
        this.binary = binary;
        this.starts = new int[columns];
        this.ends = new int[columns];
    }

    /** Splits the row starting at {@code start}; returns where the next row starts. */
    int split(byte[] data, int start, int limit) {
        this.data = data;
        if (binary) {
            if (CopyBinary.int16(data, start) != starts.length) {
                throw new IllegalArgumentException("a row has " + CopyBinary.int16(data, start) + " fields, the table "
                        + starts.length);
            }
            // the blocks handed here hold whole rows: the field walk finds the row's end
            int position = start + 2;
            for (int f = 0; f < starts.length; f++) {
                int length = CopyBinary.int32(data, position);
                starts[f] = position + 4;
                ends[f] = length < 0 ? -1 : position + 4 + length;
                position += 4 + Math.max(0, length);
            }
            if (position > limit) {
                throw new IllegalArgumentException("a row runs past the end of its block");
            }
            return position;
        }
        int f = 0;
        starts[0] = start;
        int i = start;
        for (; data[i] != '\n'; i++) {
            if (data[i] == '\t') {
                close(f, i);
                if (++f == starts.length) {
                    throw new IllegalArgumentException("a row has more fields than the table's " + starts.length);
                }
                starts[f] = i + 1;
            }
        }
        close(f, i);
        if (f != starts.length - 1) {
            throw new IllegalArgumentException("a row has " + (f + 1) + " fields, the table " + starts.length);
        }
        return i + 1;
    }

    private void close(int field, int end) {
        boolean isNull = end - starts[field] == 2 && data[starts[field]] == '\\' && data[starts[field] + 1] == 'N';
        ends[field] = isNull ? -1 : end;
    }

    boolean isNull(int field) {
        return ends[field] < 0;
    }

    /** The value of a field in text form (null for NULL); binary fields through {@code kind}. */
    String text(int field, ColumnKind kind) {
        if (ends[field] < 0) {
            return null;
        }
        if (binary) {
            return kind.decodeBinary(data, starts[field], ends[field] - starts[field]);
        }
        String raw = new String(data, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
        return raw.indexOf('\\') < 0 ? raw : CopyText.parse(raw).get(0);
    }

    /** The value of a binary field through a masking codec (for columns of other types). */
    String text(int field, dev.nightshift.sync.masking.BinaryCodec codec) {
        return ends[field] < 0 ? null : codec.decode(data, starts[field], ends[field] - starts[field]);
    }

    boolean binary() {
        return binary;
    }
}
