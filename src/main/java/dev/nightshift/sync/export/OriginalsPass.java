package dev.nightshift.sync.export;

import dev.nightshift.sync.leak.Originals;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fingerprints every original value of the masked columns before a row is extracted, from the extraction's
 * own source snapshot and reading only those columns. Then each part is checked as it is written: a value it
 * holds may equal an original of a table extracted later, which only a complete set of fingerprints can tell.
 */
final class OriginalsPass {

    private static final Logger log = LoggerFactory.getLogger(OriginalsPass.class);

    private OriginalsPass() {
    }

    /** @param alongside work for the calling thread meanwhile */
    static void run(SnapshotCopies copies, List<TableParts.Part> parts, MaskingSpool masking,
                    SnapshotCopies.Alongside alongside)
            throws IOException, SQLException, InterruptedException {
        long started = System.nanoTime();
        List<SnapshotCopies.Copy<Long>> work = new ArrayList<>();
        for (TableParts.Part part : parts) {
            Optional<OriginalsReader> reader = masking.originalsReader(part.shape("originals"));
            reader.ifPresent(r -> work.add(c -> {
                try (r) {
                    return c.unwrap(PGConnection.class).getCopyAPI().copyOut(part.copySql(r.columns()), r);
                }
            }));
        }
        long rows = copies.run(work, alongside, SnapshotCopies.Watch.NONE).stream().mapToLong(Long::longValue).sum();
        masking.originalsComplete();
        Originals originals = masking.originals();
        log.info("fingerprinted {} original values of the masked columns ({} distinct, {} MB) in {} rows of {} parts"
                        + " before extracting, in {} ms (the schema's dump and the incoming copy alongside)", originals.values(), originals.verifier().size(),
                originals.verifier().bytes() >> 20, rows, work.size(), (System.nanoTime() - started) / 1_000_000);
    }
}
