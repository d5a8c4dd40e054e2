package dev.nightshift.sync.export;

import dev.nightshift.sync.leak.OriginalsCollection;
import dev.nightshift.sync.snapshot.CopyBlock;
import java.io.IOException;
import java.util.List;

/**
 * Takes the originals of one table part's fingerprinted columns ({@link #columns}) from a COPY of just those
 * columns, and drops the rows: nothing is written anywhere.
 */
final class OriginalsReader extends CopyBlockCutter {

    private final List<String> columns;
    private final OriginalsCollection.Part originals;

    OriginalsReader(List<String> columns, boolean binary, OriginalsCollection.Part originals) {
        super(binary);
        this.columns = List.copyOf(columns);
        this.originals = originals;
    }

    /** The columns to COPY, in this order. */
    List<String> columns() {
        return columns;
    }

    @Override
    void block(CopyBlock rows) {
        originals.collect(rows);
    }

    @Override
    void framing(byte[] data, int offset, int length) {
    }

    @Override
    public void close() throws IOException {
        try {
            finishRows();
        } finally {
            originals.close();
        }
    }
}
