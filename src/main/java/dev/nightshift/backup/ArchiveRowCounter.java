package dev.nightshift.backup;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a pg_dump custom-format archive written with {@code -Z0} as it streams past and counts every table's
 * rows: write the archive into it, then ask {@link #result()}. Nothing is buffered but the piece of a length
 * word or TOC entry that straddles two writes, so it costs one scan of the data and no memory.
 *
 * <p>The archive is a header, a table of contents (one entry per object; a table's data is a {@code TABLE DATA}
 * entry with a dump id), then one block per data entry: a type byte, the dump id, and chunks with a length
 * word each, ended by a zero length. Uncompressed, a {@code TABLE DATA} block is COPY text, counted by
 * {@link CopyTextRows}. The header is read by {@link ArchiveHeader}, the TOC entries by {@link ArchiveToc}; this
 * class cuts the stream into those units and reads the data blocks.
 */
final class ArchiveRowCounter extends OutputStream {

    private static final int BLK_DATA = 1;
    private static final int BLK_BLOBS = 3;

    private enum State { HEADER, TOC_COUNT, TOC_ENTRY, BLOCK, CHUNK_LENGTH, CHUNK, LARGE_OBJECT, FAILED }

    /** The outcome: rows per table ({@code schema.table}, tables without data at 0), or why there are none. */
    record Result(Map<String, Long> rowCounts, int tableCount, String failure) {
        boolean ok() {
            return failure == null;
        }
    }

    private State state = State.HEADER;
    private ArchiveHeader header;
    private int tocLeft;
    private final ArchiveToc toc = new ArchiveToc();

    private String countedTable; // the table whose block is being read; null in a large object's block
    private boolean inLargeObject;
    private long chunkLeft;
    private final CopyTextRows rows = new CopyTextRows();
    private String failure;

    private byte[] pending = new byte[64];
    private int pendingLength;
    private final ArchiveFields in = new ArchiveFields();

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
        rows.keepTail(); // the caller reuses its array
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
                    rows.add(b, at, at + n);
                }
                at += n;
                chunkLeft -= n;
                if (chunkLeft == 0) {
                    state = State.CHUNK_LENGTH;
                }
                continue;
            }
            if (state == State.CHUNK_LENGTH && in.intSize() == 4 && to - at >= 5 && b[at] == 0) {
                // the common case, once per row: a positive length word, read without the general parser
                int length = (b[at + 1] & 0xff) | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff) << 16 | (b[at + 4] & 0xff) << 24;
                if (length > 0) {
                    chunkLeft = length;
                    state = State.CHUNK;
                    at += 5;
                    continue;
                }
            }
            in.reset(b, at, to);
            try {
                parseUnit();
            } catch (ArchiveFields.Underflow u) {
                return at;
            } catch (RuntimeException e) {
                fail(e.getMessage());
                return to;
            }
            at = in.position();
        }
        return to;
    }

    private void parseUnit() {
        switch (state) {
            case HEADER -> {
                header = ArchiveHeader.read(in);
                state = State.TOC_COUNT;
            }
            case TOC_COUNT -> {
                tocLeft = in.readInt();
                state = tocLeft > 0 ? State.TOC_ENTRY : State.BLOCK;
            }
            case TOC_ENTRY -> {
                toc.readEntry(in, header);
                state = --tocLeft > 0 ? State.TOC_ENTRY : State.BLOCK;
            }
            case BLOCK -> block();
            case CHUNK_LENGTH -> chunkLength();
            case LARGE_OBJECT -> {
                // a large object's oid, or 0 after the last one
                state = in.readUnsigned() == 0 ? State.BLOCK : State.CHUNK_LENGTH;
            }
            default -> throw new IllegalStateException("unexpected state " + state);
        }
    }

    private void block() {
        int type = in.readByte();
        int dumpId = in.readInt();
        if (type == BLK_DATA) {
            // data of an extension's configuration table has no TABLE entry: read past it, like a large object
            countedTable = toc.startData(dumpId);
            inLargeObject = false;
            rows.startBlock();
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
        int length = in.readInt();
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
                long counted = rows.endBlock();
                if (counted < 0) {
                    throw new IllegalArgumentException("the data of " + countedTable + " ends inside a row");
                }
                toc.count(countedTable, counted);
            }
            state = State.BLOCK;
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
            toc.tableWithoutData().ifPresent(table -> fail("the archive has no data block for " + table));
        }
        if (failure != null) {
            return new Result(Map.of(), 0, "cannot count rows in the dump: " + failure);
        }
        Map<String, Long> counts = toc.counts();
        return new Result(counts, counts.size(), null);
    }
}
