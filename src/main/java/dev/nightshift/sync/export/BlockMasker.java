package dev.nightshift.sync.export;

import dev.nightshift.postgres.CopyBinary;
import dev.nightshift.sync.masking.ByteSink;
import dev.nightshift.sync.masking.RowMasker;
import dev.nightshift.sync.snapshot.CopyBlock;

import java.io.ByteArrayOutputStream;

/** Masks blocks of whole COPY rows (text or binary) of one table; a table without masked columns passes through. */
final class BlockMasker {

    private final RowMasker masker;
    private final boolean binary;

    BlockMasker(RowMasker masker, boolean binary) {
        this.masker = masker;
        this.binary = binary;
    }

    boolean passThrough() {
        return masker.passThrough();
    }

    CopyBlock mask(CopyBlock block) {
        if (masker.passThrough()) {
            return block;
        }
        byte[] data = block.data();
        if (binary) {
            ByteSink out = new ByteSink(block.length() + block.length() / 4);
            int start = 0;
            while (start < block.length()) {
                int end = CopyBinary.rowEnd(data, start, block.length());
                masker.maskBinary(data, start, end, out);
                start = end;
            }
            return new CopyBlock(out.array(), out.size(), block.rows());
        }
        ByteArrayOutputStream masked = new ByteArrayOutputStream(block.length() + block.length() / 4);
        int start = 0;
        while (start < block.length()) {
            int end = start;
            while (data[end] != '\n') {
                end++;
            }
            masker.mask(data, start, end, masked);
            masked.write('\n');
            start = end + 1;
        }
        return new CopyBlock(masked.toByteArray(), masked.size(), block.rows());
    }
}
