package dev.nightshift.backup;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Counts the rows of one table's COPY text as it streams past in pieces: in COPY text an embedded newline is
 * written as {@code \n}, so every raw newline ends a row, up to the {@code \.} line pg_dump ends the data with.
 * Only the block's last bytes are kept, to find that line when the block ends.
 */
final class CopyTextRows {

    private static final int TAIL = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long HIGH = 0x8080808080808080L;

    private long newlines;
    private long blockBytes;
    private final byte[] tail = new byte[TAIL];
    private int tailLength;
    // the newest piece, copied into tail only when needed: most rows are longer than the tail
    private byte[] segment;
    private int segmentFrom;
    private int segmentTo;

    void startBlock() {
        newlines = 0;
        blockBytes = 0;
        tailLength = 0;
        segment = null;
    }

    // the hot loop. One-shot commands run on the C1 compiler, which does not vectorize: eight bytes at a
    // time (two words a turn), a newline is a zero byte of the word XOR 0x0a..0a, and the zero-byte test is exact (no carries)
    void add(byte[] b, int from, int to) {
        long n = 0;
        int i = from;
        for (; i + 16 <= to; i += 16) {
            long w = (long) LONGS.get(b, i) ^ NEWLINES;
            long v = (long) LONGS.get(b, i + 8) ^ NEWLINES;
            // the marks of the two words sit in different bit positions: one count for both
            n += Long.bitCount(~(((w & LOW7) + LOW7) | w) & HIGH | (~(((v & LOW7) + LOW7) | v) & HIGH) >>> 7);
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        newlines += n;
        int length = to - from;
        blockBytes += length;
        if (length >= TAIL) {
            tailLength = 0; // this piece alone covers the tail
        } else {
            keepTail();
        }
        segment = b;
        segmentFrom = from;
        segmentTo = to;
    }

    /** Copies what the tail needs of the newest piece: call before the array of {@link #add} is reused. */
    void keepTail() {
        if (segment == null) {
            return;
        }
        int length = segmentTo - segmentFrom;
        if (length >= TAIL) {
            System.arraycopy(segment, segmentTo - TAIL, tail, 0, TAIL);
            tailLength = TAIL;
        } else {
            int keep = Math.min(tailLength, TAIL - length);
            System.arraycopy(tail, tailLength - keep, tail, 0, keep);
            System.arraycopy(segment, segmentFrom, tail, keep, length);
            tailLength = keep + length;
        }
        segment = null;
    }

    /**
     * Every newline ends a row, except those of pg_dump's closing {@code \.} line and the blank lines after it. That
     * line is exactly a backslash and a dot after a newline (or at the block's start): a backslash in the data is
     * always escaped, so no row reads like it.
     *
     * @return the block's rows, or -1 when its data ends inside a row
     */
    long endBlock() {
        if (blockBytes == 0) {
            return 0;
        }
        keepTail();
        int i = tailLength - 1;
        int trailing = 0;
        while (i >= 0 && tail[i] == '\n') {
            trailing++;
            i--;
        }
        if (trailing == 0) {
            return -1;
        }
        boolean lineStart = i >= 2 ? tail[i - 2] == '\n' : i == 1 && blockBytes == tailLength;
        boolean terminator = i >= 1 && tail[i] == '.' && tail[i - 1] == '\\' && lineStart;
        return terminator ? newlines - trailing : newlines;
    }
}
