package dev.nightshift.sync;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * Passes a COPY binary stream through and tells {@code rowStarts} the offset of each row as it goes by,
 * following the format's length words whatever the chunks the stream arrives in. The extraction keeps
 * evenly spaced ones for the samplers, which cannot find a row in a binary file any other way.
 */
final class BinaryRowStarts extends FilterOutputStream {

    private static final int HEADER = 19; // signature (11), flags (4), extension length (4)

    private final LongConsumer rowStarts;
    private long position;
    private long skip;          // bytes of the header extension or of a field value still to pass
    private int word;           // the length word being read
    private int wordBytes;      // how many of its bytes have been read
    private int wordSize = 0;   // 0: in the header; 2: a row's field count; 4: a field's length
    private int fieldsLeft;
    private long rowStart;
    private boolean ended;

    BinaryRowStarts(OutputStream out, LongConsumer rowStarts) {
        super(out);
        this.rowStarts = rowStarts;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int from, int length) throws IOException {
        out.write(data, from, length);
        int i = from;
        int end = from + length;
        while (i < end && !ended) {
            if (skip > 0) {
                int n = (int) Math.min(skip, end - i);
                skip -= n;
                i += n;
                position += n;
                continue;
            }
            if (wordSize == 0) { // the header: its last word is the extension's length
                if (position >= HEADER - 4) {
                    word = word << 8 | (data[i] & 0xff);
                }
                i++;
                if (++position == HEADER) {
                    skip = word;
                    word = 0;
                    wordSize = 2;
                }
                continue;
            }
            if (wordBytes == 0 && wordSize == 2) {
                rowStart = position;
            }
            int value;
            if (wordBytes == 0 && end - i >= wordSize) { // the usual case: the whole word is in this write
                value = wordSize == 2 ? (short) ((data[i] & 0xff) << 8 | (data[i + 1] & 0xff))
                        : (data[i] & 0xff) << 24 | (data[i + 1] & 0xff) << 16 | (data[i + 2] & 0xff) << 8 | (data[i + 3] & 0xff);
                i += wordSize;
                position += wordSize;
            } else {
                word = word << 8 | (data[i++] & 0xff);
                position++;
                if (++wordBytes < wordSize) {
                    continue;
                }
                value = wordSize == 2 ? (short) word : word;
                word = 0;
                wordBytes = 0;
            }
            if (wordSize == 2) {
                ended = value == -1; // the trailer
                if (!ended) {
                    rowStarts.accept(rowStart);
                }
                fieldsLeft = value;
                wordSize = fieldsLeft > 0 ? 4 : 2;
            } else {
                skip = Math.max(0, value);
                wordSize = --fieldsLeft > 0 ? 4 : 2;
            }
        }
    }
}
