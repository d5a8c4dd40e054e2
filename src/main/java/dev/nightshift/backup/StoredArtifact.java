package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.Compression;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * One artifact in a storage and how to read it back: stored bytes, then decryption when it is encrypted,
 * then decompression.
 *
 * @param staged  written but not yet published (read during verification)
 * @param cipher  the keyset to decrypt with; null for a plain artifact
 */
record StoredArtifact(BackupStorage storage, String name, boolean staged, Compression compression,
                      ArtifactCipher cipher, String environment, String logical) {

    InputStream openStored() throws IOException {
        return staged ? storage.openStaged(name) : storage.open(name);
    }

    /** The pg_dump stream, hashing the stored bytes on the way (see {@link ArtifactReader}). */
    ArtifactReader open() throws IOException {
        return ArtifactReader.open(openStored(), this);
    }

    /** The same, counting the stored bytes read as {@code progress}. */
    ArtifactReader open(dev.nightshift.jobs.Progress progress) throws IOException {
        return ArtifactReader.open(progress.counting(openStored()), this);
    }

    /** The stored size, for progress (0 when the storage cannot tell). */
    long storedSize() {
        return staged ? 0 : storage.storedSize(name);
    }

    /** The pg_dump stream without a digest, for reads that stop early (pg_restore --list). */
    InputStream openPlain() throws IOException {
        return plain(new BufferedInputStream(openStored(), 1 << 16));
    }

    InputStream plain(InputStream stored) throws IOException {
        InputStream decrypted = cipher == null ? stored
                : new BufferedInputStream(cipher.decrypt(stored, environment, logical), 1 << 16);
        return ArtifactCodec.decompress(decrypted, compression);
    }

    String describe() {
        return storage.location() + ":" + name;
    }
}
