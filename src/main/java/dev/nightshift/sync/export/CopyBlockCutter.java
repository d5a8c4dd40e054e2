package dev.nightshift.sync.export;

import dev.nightshift.sync.snapshot.CopyBlock;
import dev.nightshift.postgres.CopyBinary;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Cuts a COPY stream (text or binary, as a source sends it) into blocks of whole rows for {@link #block}; the
 * binary header and trailer go to {@link #framing}. The driver hands over one row per write, so rows are cut
 * once {@value #DRAIN_BYTES} bytes are buffered (and at the end): a block then holds about
 * {@value #BLOCK_ROWS} rows instead of one, and per-block costs stay small.
 */
abstract class CopyBlockCutter extends OutputStream {

    private static final int BLOCK_ROWS = 1000;
    private static final int MAX_BLOCK_BYTES = 1 << 20;
    private static final int DRAIN_BYTES = 256 << 10;

    private final boolean binary;
    private byte[] buffer = new byte[1 << 20];
    private int limit;
    private boolean headerDone;
    private boolean ended;

    CopyBlockCutter(boolean binary) {
        this.binary = binary;
    }

    /** A block of whole rows, in the order they came. */
    abstract void block(CopyBlock rows) throws IOException;

    /** The binary format's header and trailer, around the rows. */
    abstract void framing(byte[] data, int offset, int length) throws IOException;

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (limit + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, limit + length));
        }
        System.arraycopy(data, offset, buffer, limit, length);
        limit += length;
        if (limit >= DRAIN_BYTES) {
            drain();
        }
    }

    private void drain() throws IOException {
        int at = 0;
        if (binary && !headerDone) {
            int header = CopyBinary.headerLength(buffer, limit);
            if (header < 0) {
                return;
            }
            framing(buffer, 0, header);
            at = header;
            headerDone = true;
        }
        while (!ended) {
            int start = at;
            int count = 0;
            while (count < BLOCK_ROWS && at - start < MAX_BLOCK_BYTES) {
                if (binary && at + 2 <= limit && CopyBinary.isTrailer(buffer, at)) {
                    ended = true;
                    break;
                }
                int end = rowEnd(at);
                if (end < 0) {
                    break;
                }
                at = end;
                count++;
            }
            if (count == 0) {
                break;
            }
            block(new CopyBlock(Arrays.copyOfRange(buffer, start, at), at - start, count));
        }
        if (ended) {
            framing(buffer, at, limit - at);
            at = limit;
        }
        System.arraycopy(buffer, at, buffer, 0, limit - at);
        limit -= at;
    }

    private int rowEnd(int at) {
        if (binary) {
            return CopyBinary.rowEnd(buffer, at, limit);
        }
        for (int i = at; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Cuts what is left; fails when the stream ended inside a row (or, in binary format, without its trailer). */
    void finishRows() throws IOException {
        drain();
        if (limit > 0 || (binary && headerDone && !ended)) {
            throw new IOException("the source's rows ended in the middle of a row or without the COPY trailer");
        }
    }
}
