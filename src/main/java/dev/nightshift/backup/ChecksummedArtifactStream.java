package dev.nightshift.backup;

import java.io.FilterInputStream;
import java.io.IOException;

/**
 * An artifact's pg_dump stream that compares the stored checksum when it is closed. Whatever the consumer
 * left unread is hashed raw on the way (cheap: no decompression), so every read proves the whole artifact.
 */
final class ChecksummedArtifactStream extends FilterInputStream {

    private final ArtifactReader reader;
    private final CatalogEntry entry;
    private boolean closed;

    ChecksummedArtifactStream(ArtifactReader reader, CatalogEntry entry) {
        super(reader);
        this.reader = reader;
        this.entry = entry;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            String actual = reader.sha256();
            if (!actual.equals(entry.sha256())) {
                throw new IOException("checksum mismatch for backup #" + entry.id() + " (" + entry.artifact()
                        + "): the catalog says " + entry.sha256() + " but the file has " + actual
                        + "; the artifact is damaged, use another backup or --source live");
            }
        } finally {
            reader.closeFully();
        }
    }
}
