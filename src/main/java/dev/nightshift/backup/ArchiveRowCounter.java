package dev.nightshift.backup;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a pg_dump custom-format archive written with {@code -Z0} as it streams past and counts every table's
 * rows: write the archive into it, then ask {@link #result()}. Nothing is buffered but the piece of a length
 * word or TOC entry that straddles two writes, so it costs one scan of the data and no memory.
 *
 * <p>The archive is a header, a table of contents (one entry per object; a table's data is a {@code TABLE DATA}
 * entry with a dump id), then one block per data entry: a type byte, the dump id, and chunks with a length
 * word each, ended by a zero length. Uncompressed, a {@code TABLE DATA} block is COPY text, where an embedded
 * newline is written as {@code \n}: every raw newline ends a row, up to the {@code \.} line pg_dump ends the data with.
 */
final class ArchiveRowCounter extends OutputStream {

    private static final byte[] MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);
    private static final int OLDEST_MINOR = 12; // PostgreSQL 11
    private static final int NEWEST_MINOR = 16; // PostgreSQL 17
    private static final int BLK_DATA = 1;
    private static final int BLK_BLOBS = 3;
    private static final int TAIL = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long HIGH = 0x8080808080808080L;

    /** Thrown inside a parse when the buffered bytes end before the unit does; the unit is retried later. */
    private static final class Underflow extends RuntimeException {
        Underflow() {
            super(null, null, false, false);
        }
    }

    private static final Underflow UNDERFLOW = new Underflow();

    private enum State { HEADER, TOC_COUNT, TOC_ENTRY, BLOCK, CHUNK_LENGTH, CHUNK, LARGE_OBJECT, FAILED }

    /** The outcome: rows per table ({@code schema.table}, tables without data at 0), or why there are none. */
    record Result(Map<String, Long> rowCounts, int tableCount, String failure) {
        boolean ok() {
            return failure == null;
        }
    }

    private State state = State.HEADER;
    private int minor;
    private int intSize;
    private int offSize;
    private int tocLeft;

    // schema.table of every TABLE entry, and of every TABLE DATA entry by dump id
    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<Integer, String> tableData = new HashMap<>();
    private final Map<Integer, Boolean> dataSeen = new LinkedHashMap<>();

    private String countedTable; // the table whose block is being read; null in a large object's block
    private boolean inLargeObject;
    private long chunkLeft;
    // a block's newlines and its last bytes, where the "\." line is looked for when the block ends
    private long newlines;
    private long blockBytes;
    private final byte[] tail = new byte[TAIL];
    private int tailLength;
    // the newest counted piece, copied into tail only when needed: most rows are longer than the tail
    private byte[] segment;
    private int segmentFrom;
    private int segmentTo;
    private String failure;

    private byte[] pending = new byte[64];
    private int pendingLength;
    // the unit being parsed: its bytes and the cursor
    private byte[] src;
    private int pos;
    private int limit;

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int end = off + len;
        int at = off;
        while (at < end && state != State.FAILED) {
            if (pendingLength == 0) {
                int left = process(b, at, end);
                keep(b, left, end);
                return;
            }
            // a unit straddles writes: give it a growing prefix, so a large TOC entry is parsed a few times at most
            int take = Math.min(end - at, Math.max(64, pendingLength));
            keep(b, at, at + take);
            at += take;
            byte[] buffered = Arrays.copyOf(pending, pendingLength);
            pendingLength = 0;
            int left = process(buffered, 0, buffered.length);
            keep(buffered, left, buffered.length);
        }
    }

    private void keep(byte[] b, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        if (pendingLength + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + n));
        }
        System.arraycopy(b, from, pending, pendingLength, n);
        pendingLength += n;
    }

    /** Consumes what it can; returns where an incomplete unit starts ({@code to} when nothing is left over). */
    private int process(byte[] b, int from, int to) {
        int left = parse(b, from, to);
        foldSegment(); // the caller reuses its array
        return left;
    }

    private int parse(byte[] b, int from, int to) {
        int at = from;
        while (at < to) {
            if (state == State.FAILED) {
                return to;
            }
            if (state == State.CHUNK) {
                int n = (int) Math.min(chunkLeft, to - at);
                if (countedTable != null) {
                    countRows(b, at, at + n);
                }
                at += n;
                chunkLeft -= n;
                if (chunkLeft == 0) {
                    state = State.CHUNK_LENGTH;
                }
                continue;
            }
            if (state == State.CHUNK_LENGTH && intSize == 4 && to - at >= 5 && b[at] == 0) {
                // the common case, once per row: a positive length word, read without the general parser
                int length = (b[at + 1] & 0xff) | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff) << 16 | (b[at + 4] & 0xff) << 24;
                if (length > 0) {
                    chunkLeft = length;
                    state = State.CHUNK;
                    at += 5;
                    continue;
                }
            }
            src = b;
            pos = at;
            limit = to;
            try {
                parseUnit();
            } catch (Underflow u) {
                return at;
            } catch (RuntimeException e) {
                fail(e.getMessage());
                return to;
            }
            at = pos;
        }
        return to;
    }

    private void parseUnit() {
        switch (state) {
            case HEADER -> header();
            case TOC_COUNT -> {
                tocLeft = readInt();
                state = tocLeft > 0 ? State.TOC_ENTRY : State.BLOCK;
            }
            case TOC_ENTRY -> {
                tocEntry();
                state = --tocLeft > 0 ? State.TOC_ENTRY : State.BLOCK;
            }
            case BLOCK -> block();
            case CHUNK_LENGTH -> chunkLength();
            case LARGE_OBJECT -> {
                // a large object's oid, or 0 after the last one
                state = readUnsigned() == 0 ? State.BLOCK : State.CHUNK_LENGTH;
            }
            default -> throw new IllegalStateException("unexpected state " + state);
        }
    }

    private void header() {
        for (byte m : MAGIC) {
            if (readByte() != m) {
                throw new IllegalArgumentException("not a pg_dump custom-format archive (no PGDMP header)");
            }
        }
        int major = readByte();
        minor = readByte();
        readByte(); // revision
        if (major != 1 || minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
            throw new IllegalArgumentException("archive version " + major + "." + minor
                    + " is not one the row counter reads (1." + OLDEST_MINOR + " to 1." + NEWEST_MINOR + ")");
        }
        intSize = readByte();
        offSize = readByte();
        if (readByte() != 1) {
            throw new IllegalArgumentException("not a custom-format archive");
        }
        int compression = minor >= 15 ? readByte() : readInt();
        if (compression != 0) {
            throw new IllegalArgumentException("the archive's data is compressed by pg_dump; the row counter needs -Z0");
        }
        for (int i = 0; i < 7; i++) {
            readInt(); // creation time
        }
        readString(); // database name
        readString(); // server version
        readString(); // pg_dump version
        state = State.TOC_COUNT;
    }

    private void tocEntry() {
        int dumpId = readInt();
        boolean hasData = readInt() != 0;
        readString(); // table oid
        readString(); // oid
        String tag = readString();
        String desc = readString();
        readInt(); // section
        skipString(); // definition: the largest field, never needed
        skipString(); // drop statement
        skipString(); // copy statement
        String namespace = readString();
        readString(); // tablespace
        if (minor >= 14) {
            readString(); // table access method
        }
        if (minor >= 16) {
            readInt(); // relkind
        }
        readString(); // owner
        readString(); // "false": with oids
        while (readString() != null) {
            // dependencies, ended by a null string
        }
        skip(1 + offSize); // the data offset of the custom format
        String table = namespace + "." + tag;
        if ("TABLE".equals(desc)) {
            counts.putIfAbsent(table, 0L);
        } else if ("TABLE DATA".equals(desc) && hasData) {
            tableData.put(dumpId, table);
            dataSeen.put(dumpId, false);
        }
    }

    private void block() {
        int type = readByte();
        int dumpId = readInt();
        if (type == BLK_DATA) {
            // data of an extension's configuration table has no TABLE entry: read past it, like a large object
            String table = tableData.get(dumpId);
            countedTable = table != null && counts.containsKey(table) ? table : null;
            inLargeObject = false;
            dataSeen.replace(dumpId, true);
            newlines = 0;
            blockBytes = 0;
            tailLength = 0;
            segment = null;
            state = State.CHUNK_LENGTH;
        } else if (type == BLK_BLOBS) {
            countedTable = null;
            inLargeObject = true;
            state = State.LARGE_OBJECT;
        } else {
            throw new IllegalArgumentException("unknown data block type " + type + " for dump id " + dumpId);
        }
    }

    private void chunkLength() {
        int length = readInt();
        if (length < 0) {
            throw new IllegalArgumentException("negative data chunk length " + length);
        }
        if (length > 0) {
            chunkLeft = length;
            state = State.CHUNK;
        } else if (inLargeObject) {
            state = State.LARGE_OBJECT;
        } else {
            if (countedTable != null) {
                counts.put(countedTable, rowsOfBlock());
            }
            state = State.BLOCK;
        }
    }

    // the hot loop. One-shot commands run on the C1 compiler, which does not vectorize: eight bytes at a
    // time (two words a turn), a newline is a zero byte of the word XOR 0x0a..0a, and the zero-byte test is exact (no carries)
    private void countRows(byte[] b, int from, int to) {
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
            foldSegment();
        }
        segment = b;
        segmentFrom = from;
        segmentTo = to;
    }

    private void foldSegment() {
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
     */
    private long rowsOfBlock() {
        if (blockBytes == 0) {
            return 0;
        }
        foldSegment();
        int i = tailLength - 1;
        int trailing = 0;
        while (i >= 0 && tail[i] == '\n') {
            trailing++;
            i--;
        }
        if (trailing == 0) {
            throw new IllegalArgumentException("the data of " + countedTable + " ends inside a row");
        }
        boolean lineStart = i >= 2 ? tail[i - 2] == '\n' : i == 1 && blockBytes == tailLength;
        boolean terminator = i >= 1 && tail[i] == '.' && tail[i - 1] == '\\' && lineStart;
        return terminator ? newlines - trailing : newlines;
    }

    private int readByte() {
        if (pos >= limit) {
            throw UNDERFLOW;
        }
        return src[pos++] & 0xff;
    }

    private void skip(int n) {
        if (limit - pos < n) {
            throw UNDERFLOW;
        }
        pos += n;
    }

    /** pg_dump's integer: a sign byte, then {@code intSize} bytes, least significant first. */
    private int readInt() {
        boolean negative = readByte() != 0;
        long value = readUnsignedPart();
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("integer out of range: " + value);
        }
        return negative ? -(int) value : (int) value;
    }

    /** An oid: unsigned, so it may not fit an int. */
    private long readUnsigned() {
        readByte();
        return readUnsignedPart();
    }

    private long readUnsignedPart() {
        long value = 0;
        for (int i = 0; i < intSize; i++) {
            value |= (long) readByte() << (8 * i);
        }
        return value;
    }

    private String readString() {
        int length = readInt();
        if (length < 0) {
            return null;
        }
        skip(length);
        return new String(src, pos - length, length, StandardCharsets.UTF_8);
    }

    private void skipString() {
        int length = readInt();
        if (length > 0) {
            skip(length);
        }
    }

    private void fail(String why) {
        if (failure == null) {
            failure = why;
        }
        state = State.FAILED;
        pendingLength = 0;
    }

    /** Call once the whole archive was written: a stream that ends early has no result. */
    Result result() {
        if (failure == null && (state != State.BLOCK || pendingLength != 0)) {
            fail("the archive ends early (in " + (state == State.FAILED ? "an unreadable part" : state.name()
                    .toLowerCase().replace('_', ' ')) + ")");
        }
        if (failure == null) {
            dataSeen.entrySet().stream().filter(e -> !e.getValue()).findFirst()
                    .ifPresent(e -> fail("the archive has no data block for " + tableData.get(e.getKey())));
        }
        if (failure != null) {
            return new Result(Map.of(), 0, "cannot count rows in the dump: " + failure);
        }
        return new Result(new LinkedHashMap<>(counts), counts.size(), null);
    }
}
