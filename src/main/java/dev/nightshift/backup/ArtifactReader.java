package dev.nightshift.backup;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
    private IOException failure;

    private ArtifactReader(InputStream decompressed, InputStream raw, MessageDigest digest) {
        super(decompressed);
        this.raw = raw;
        this.digest = digest;
    }

    static ArtifactReader open(InputStream stored, StoredArtifact artifact) throws IOException {
        MessageDigest digest = BackupDumper.sha256();
        InputStream raw = new DigestInputStream(new BufferedInputStream(stored, 1 << 20), digest);
        // gzip's reader marks and resets its input; a buffer of its own keeps a reset from reaching the
        // digest, which would count the same bytes twice
        return new ArtifactReader(artifact.plain(new BufferedInputStream(raw, 1 << 16)), raw, digest);
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

    /**
     * The first read failure (a wrong key, a damaged segment, a lost connection to the storage). The process
     * fed from this stream only sees its input end early; this says why.
     */
    IOException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    private IOException remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }

    @Override
    public void close() {
        // the consumer (a process's stdin feeder) closes early; the reader is closed by its owner
    }

    void closeFully() throws IOException {
        in.close();
    }
}
