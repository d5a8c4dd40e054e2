package dev.nightshift.backup;

import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;

/**
 * Reads a stored artifact once, whole, without restoring it: the stored bytes' SHA-256 against the catalog,
 * and the decrypted, decompressed archive through {@link ArchiveRowCounter}, whose table count and row counts
 * must equal those recorded when the backup was taken. A damaged byte shows as a checksum mismatch; a cut
 * object as a mismatch and an archive that ends early.
 */
final class ArtifactRereader {

    private static final int BUFFER = 1 << 16;

    RereadResult reread(CatalogEntry entry, StoredArtifact artifact, Map<String, Long> recordedCounts) {
        InputStream stored;
        try {
            stored = artifact.openStored();
        } catch (IOException e) {
            return missing(e) ? result(entry, RereadResult.Outcome.FAILED, e.getMessage())
                    : result(entry, RereadResult.Outcome.NOT_READ, e.getMessage());
        }
        ArchiveRowCounter counter = new ArchiveRowCounter();
        String actual;
        IOException decodeFailure = null;
        try {
            ArtifactReader reader = ArtifactReader.open(stored, artifact);
            try {
                byte[] buffer = new byte[BUFFER];
                try {
                    for (int n; (n = reader.read(buffer)) >= 0; ) {
                        counter.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    decodeFailure = e; // a damaged or cut artifact; the checksum below says which
                }
                actual = reader.sha256();
            } finally {
                reader.closeFully();
            }
        } catch (IOException e) {
            return result(entry, RereadResult.Outcome.NOT_READ, "cannot read " + artifact.describe() + ": "
                    + e.getMessage() + "; nothing is recorded, run nightshift backups verify again once the storage is reachable");
        }
        if (!actual.equals(entry.sha256())) {
            return result(entry, RereadResult.Outcome.FAILED, "checksum mismatch: the catalog says " + entry.sha256()
                    + " but the stored artifact has " + actual + "; the artifact is damaged, take a new backup");
        }
        if (decodeFailure != null) {
            // the stored bytes are the ones written: a keyset that cannot decrypt them is a configuration problem
            return result(entry, artifact.cipher() == null ? RereadResult.Outcome.FAILED : RereadResult.Outcome.NOT_READ,
                    "the checksum matches but the artifact cannot be " + (artifact.cipher() == null ? "decompressed"
                            : "decrypted (is the keyset the one it was made with?)") + ": " + decodeFailure.getMessage());
        }
        return judge(entry, counter.result(), recordedCounts);
    }

    private static RereadResult judge(CatalogEntry entry, ArchiveRowCounter.Result archive, Map<String, Long> recorded) {
        if (!archive.ok()) {
            return result(entry, RereadResult.Outcome.FAILED, archive.failure());
        }
        if (archive.tableCount() != entry.tableCount()) {
            return result(entry, RereadResult.Outcome.FAILED, "the table of contents holds " + archive.tableCount()
                    + " tables, the catalog " + entry.tableCount());
        }
        long rows = archive.rowCounts().values().stream().mapToLong(Long::longValue).sum();
        if (recorded.isEmpty()) {
            return result(entry, RereadResult.Outcome.PASSED, "checksum and table of contents match (" + archive.tableCount()
                    + " tables, " + rows + " rows; no row counts recorded to compare)");
        }
        List<String> differences = RowCountComparison.differences(recorded, archive.rowCounts());
        if (!differences.isEmpty()) {
            return result(entry, RereadResult.Outcome.FAILED, "row counts differ from the catalog: "
                    + String.join("; ", differences));
        }
        return result(entry, RereadResult.Outcome.PASSED, "checksum, table of contents and row counts match ("
                + archive.tableCount() + " tables, " + rows + " rows)");
    }

    private static boolean missing(IOException e) {
        return e.getCause() instanceof NoSuchFileException || e.getCause() instanceof NoSuchKeyException;
    }

    private static RereadResult result(CatalogEntry entry, RereadResult.Outcome outcome, String detail) {
        return new RereadResult(entry.id(), entry.environment(), entry.logicalDatabase(), entry.artifact(), outcome, detail);
    }
}
