package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.Compression;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Reads an artifact back as the plain pg_dump stream, hashing the stored bytes on the way, so a restore or a
 * verification proves the checksum with the same read. {@link #sha256()} is valid once the stream is drained.
 */
final class ArtifactReader extends FilterInputStream {

    private final MessageDigest digest;
    private final InputStream raw;

    private ArtifactReader(InputStream decompressed, InputStream raw, MessageDigest digest) {
        super(decompressed);
        this.raw = raw;
        this.digest = digest;
    }

    static ArtifactReader open(Path artifact, Compression compression) throws IOException {
        MessageDigest digest = BackupDumper.sha256();
        InputStream raw = new DigestInputStream(new BufferedInputStream(Files.newInputStream(artifact), 1 << 20), digest);
        // gzip's reader marks and resets its input; a buffer of its own keeps a reset from reaching the
        // digest, which would count the same bytes twice
        return new ArtifactReader(ArtifactCodec.decompress(new BufferedInputStream(raw, 1 << 16), compression), raw, digest);
    }

    /**
     * Reads whatever the consumer left (pg_restore --list stops after the table of contents) so the digest
     * covers every stored byte. The rest is drained raw: decompressing it would prove nothing the checksum
     * does not, and costs most of the verification time.
     */
    String sha256() throws IOException {
        raw.transferTo(java.io.OutputStream.nullOutputStream());
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() {
        // the consumer (a process's stdin feeder) closes early; the reader is closed by its owner
    }

    void closeFully() throws IOException {
        in.close();
    }
}
