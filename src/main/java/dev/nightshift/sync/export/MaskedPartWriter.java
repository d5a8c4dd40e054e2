package dev.nightshift.sync.export;

import dev.nightshift.postgres.CopyBinary;
import dev.nightshift.postgres.Failpoint;
import dev.nightshift.sync.leak.OriginalsCollection;
import dev.nightshift.sync.leak.OwnOriginalCheck;
import dev.nightshift.sync.snapshot.CopyBlock;
import dev.nightshift.sync.snapshot.LeakTally;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Masks one table part on its way from the source into the spool: COPY bytes come in (text or binary, as the
 * source sends them), are cut into blocks of whole rows, and only their masked form is written. The originals
 * are fingerprinted and each masked row is checked against its own original on the way; nothing unmasked
 * ever reaches the file. A skip-data table's rows are read and dropped.
 */
final class MaskedPartWriter extends OutputStream {

    private static final int BLOCK_ROWS = 1000;
    private static final int MAX_BLOCK_BYTES = 1 << 20;
    /**
     * The driver hands over one row per write: rows are masked once this much is buffered (and at the end),
     * so a block holds about BLOCK_ROWS rows instead of one (per-block costs were most of the masking's CPU).
     */
    private static final int DRAIN_BYTES = 256 << 10;

    private final OutputStream out;
    private final boolean binary;
    private final BlockMasker masker;
    private final OriginalsCollection.Part originals;
    private final OwnOriginalCheck ownCheck;
    private byte[] buffer = new byte[1 << 20];
    private int limit;
    private boolean headerDone;
    private boolean ended;
    private long rows;
    private long bytes;

    /**
     * @param masker null for a skip-data table: nothing is written but the COPY framing
     */
    MaskedPartWriter(OutputStream out, boolean binary, BlockMasker masker, OriginalsCollection.Part originals,
                     OwnOriginalCheck ownCheck) {
        this.out = out;
        this.binary = binary;
        this.masker = masker;
        this.originals = originals;
        this.ownCheck = ownCheck;
    }

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
            emit(buffer, 0, header);
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
            emit(buffer, at, limit - at); // the trailer
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

    private void block(CopyBlock read) throws IOException {
        if (masker == null) {
            return;
        }
        CopyBlock masked = masker.mask(read);
        if (originals != null) {
            originals.collect(read);
        }
        if (ownCheck != null) {
            ownCheck.check(read, masked);
        }
        emit(masked.data(), 0, masked.length());
        if (rows == 0) {
            out.flush();
            Failpoint.reach("sync.extract.after-first-block");
        }
        rows += read.rows();
    }

    private void emit(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
        bytes += length;
    }

    long rows() {
        return rows;
    }

    long bytes() {
        return bytes;
    }

    LeakTally ownOriginalLeaks() {
        return ownCheck == null ? new LeakTally() : ownCheck.tally();
    }

    /** Fails when the stream ended inside a row (or, in binary format, without its trailer). */
    @Override
    public void close() throws IOException {
        try {
            drain();
            if (limit > 0 || (binary && headerDone && !ended)) {
                throw new IOException("the source's rows ended in the middle of a row or without the COPY trailer");
            }
        } finally {
            if (originals != null) {
                originals.close();
            }
            out.close();
        }
    }
}
