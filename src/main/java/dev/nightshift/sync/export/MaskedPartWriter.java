package dev.nightshift.sync.export;

import dev.nightshift.sync.leak.WrittenValues;
import dev.nightshift.postgres.Failpoint;
import dev.nightshift.sync.leak.OriginalsCollection;
import dev.nightshift.sync.leak.OwnOriginalCheck;
import dev.nightshift.sync.snapshot.CopyBlock;
import dev.nightshift.sync.snapshot.LeakTally;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Masks one table part on its way from the source into the spool: COPY bytes come in (text or binary, as the
 * source sends them), are cut into blocks of whole rows, and only their masked form is written. The originals
 * are fingerprinted and each masked row is checked against its own original on the way; nothing unmasked
 * ever reaches the file. A skip-data table's rows are read and dropped.
 */
final class MaskedPartWriter extends CopyBlockCutter {

    private final OutputStream out;
    private final BlockMasker masker;
    private final OriginalsCollection.Part originals;
    private final OwnOriginalCheck ownCheck;
    private final WrittenValues written;
    private long rows;
    private long bytes;

    /**
     * @param masker    null for a skip-data table: nothing is written but the COPY framing
     * @param originals where the originals are fingerprinted; null when that was done before the extraction
     * @param written   the leak check of every value written, when the originals are already known; else null
     *                  (the spool is then checked once the extraction is complete, see {@link SpoolLeakCheck})
     */
    MaskedPartWriter(OutputStream out, boolean binary, BlockMasker masker, OriginalsCollection.Part originals,
                     OwnOriginalCheck ownCheck, WrittenValues written) {
        super(binary);
        this.out = out;
        this.masker = masker;
        this.originals = originals;
        this.ownCheck = ownCheck;
        this.written = written;
    }

    @Override
    void framing(byte[] data, int offset, int length) throws IOException {
        emit(data, offset, length);
    }

    @Override
    void block(CopyBlock read) throws IOException {
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
        if (written != null) {
            written.check(masked);
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

    /** What the check of the values written found, when it ran here; null when it runs after the extraction. */
    WrittenValues written() {
        return written;
    }

    LeakTally ownOriginalLeaks() {
        return ownCheck == null ? new LeakTally() : ownCheck.tally();
    }

    /** Fails when the stream ended inside a row (or, in binary format, without its trailer). */
    @Override
    public void close() throws IOException {
        try {
            finishRows();
        } finally {
            if (originals != null) {
                originals.close();
            }
            out.close();
        }
    }
}
