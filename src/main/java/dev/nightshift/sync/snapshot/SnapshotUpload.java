package dev.nightshift.sync.snapshot;

import dev.nightshift.objectstore.ObjectStore;
import dev.nightshift.postgres.Failpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Uploads a complete snapshot directory into the bucket: every file (encrypted on the way when a keyset is
 * configured, each read back and proven against its SHA-256), then the seal, which lists the stored objects'
 * hashes. An upload that fails removes what it stored; one that is killed leaves an unsealed folder, which
 * is never listed and which the next export removes.
 */
public final class SnapshotUpload {

    public static final String FAILPOINT = "sync.upload.after-first-object";
    private static final Logger log = LoggerFactory.getLogger(SnapshotUpload.class);

    private final S3Snapshots snapshots;

    public SnapshotUpload(S3Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** Associated data of a snapshot file's ciphertext: an object decrypts only as the file it was written as. */
    static String associatedData(String id, String file) {
        return "nightshift snapshot " + id + "/" + file;
    }

    /** Uploads {@code directory} as the snapshot of its name and seals it; returns the seal. */
    public SnapshotSeal upload(Path directory) throws IOException {
        String id = directory.getFileName().toString();
        ObjectStore store = snapshots.store();
        ObjectStore.Cipher cipher = snapshots.cipher();
        SnapshotSeal unsealed = new SnapshotSeal(Instant.now(), Map.of(),
                cipher == null ? null : ObjectStore.Cipher.SCHEME, cipher == null ? null : cipher.primaryKeyId());
        Map<String, String> hashes = new TreeMap<>();
        try {
            for (String file : files(directory)) {
                hashes.put(file, uploadFile(store, cipher, directory, id, file, S3Snapshots.object(id, file, unsealed)));
                Failpoint.reach(FAILPOINT);
            }
            SnapshotSeal seal = new SnapshotSeal(Instant.now(), hashes, unsealed.encryption(), unsealed.keyId());
            store.writeText(S3Snapshots.seal(id), seal.json());
            return seal;
        } catch (IOException | RuntimeException e) {
            removeQuietly(store, id);
            throw e;
        }
    }

    private static String uploadFile(ObjectStore store, ObjectStore.Cipher cipher, Path directory, String id,
                                     String file, String object) throws IOException {
        ObjectStore.Upload upload = store.upload(object);
        MessageDigest digest = Hashing.sha256();
        try (OutputStream stored = new DigestOutputStream(upload.stream(), digest);
             OutputStream plain = cipher == null ? stored : cipher.encrypt(stored, associatedData(id, file))) {
            Files.copy(directory.resolve(file), plain);
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e;
        }
        String sha256 = Hashing.hex(digest);
        upload.finish(sha256);
        return sha256;
    }

    /** The snapshot's files, relative, without the seal (which is written from the stored objects' hashes). */
    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).map(f -> directory.relativize(f).toString())
                    .filter(name -> !name.equals(SnapshotSeal.FILE) && !name.endsWith(".partial")).sorted().toList();
        }
    }

    private void removeQuietly(ObjectStore store, String id) {
        try {
            store.delete(store.list(id + "/").toArray(String[]::new));
            store.abortUploads(id + "/");
        } catch (IOException | RuntimeException e) {
            log.warn("could not remove the unsealed snapshot {} ({}); the next export removes it",
                    snapshots.describe(id), e.getMessage());
        }
    }
}
