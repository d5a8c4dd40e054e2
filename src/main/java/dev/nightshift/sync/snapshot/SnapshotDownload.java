package dev.nightshift.sync.snapshot;


import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fetches a sealed snapshot from the bucket into a private local directory before anything is loaded: every
 * object the seal names is hashed while it is read (a missing, extra or changed object fails here, naming
 * it), decrypted when the snapshot is encrypted, and the copy is then sealed locally with the original seal
 * time, so the import goes on exactly as from a snapshot directory.
 */
final class SnapshotDownload {

    private final S3Snapshots snapshots;

    SnapshotDownload(S3Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** Downloads snapshot {@code id} into {@code directory} (replacing what is there); returns the directory. */
    Path download(String id, Path directory) throws IOException {
        SnapshotSeal seal = snapshots.readableSeal(id);
        List<String> extra = snapshots.unsealedObjects(id, seal);
        if (!extra.isEmpty()) {
            throw new IOException("the snapshot " + snapshots.describe(id) + " holds " + extra.get(0)
                    + ", which its seal does not list; export a new one");
        }
        SpoolFiles.delete(directory);
        createPrivateDirectory(directory);
        for (Map.Entry<String, String> file : new TreeMap<>(seal.sha256()).entrySet()) {
            fetch(id, seal, file.getKey(), file.getValue(), directory.resolve(file.getKey()));
        }
        SnapshotSeal.write(directory, seal.sealedAt());
        return directory;
    }

    private void fetch(String id, SnapshotSeal seal, String file, String sha256, Path target) throws IOException {
        String object = S3Snapshots.object(id, file, seal);
        createPrivateDirectory(target.getParent());
        MessageDigest digest = Hashing.sha256();
        IOException unreadable = null;
        try (InputStream stored = new DigestInputStream(open(id, object), digest)) {
            try (OutputStream out = Files.newOutputStream(Files.createFile(target,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))))) {
                InputStream plain = seal.encryption() == null ? stored : snapshots.cipher()
                        .decrypt(new KeepOpen(stored), SnapshotUpload.associatedData(id, file));
                plain.transferTo(out);
            } catch (IOException e) {
                unreadable = e; // a changed object fails decryption first: the checksum below names it
            }
            stored.transferTo(OutputStream.nullOutputStream());
        }
        if (!Hashing.hex(digest).equals(sha256)) {
            throw new IOException("the snapshot " + snapshots.describe(id) + " is damaged: " + object
                    + " does not match its SHA-256 in " + SnapshotSeal.FILE + "; export a new one");
        }
        if (unreadable != null) {
            throw new IOException("cannot decrypt " + snapshots.describe(id) + "/" + file + " although it matches its"
                    + " seal (" + unreadable.getMessage() + "); export a new one");
        }
    }

    private InputStream open(String id, String object) throws IOException {
        try {
            return snapshots.store().open(object);
        } catch (NoSuchFileException e) {
            throw new IOException("the snapshot " + snapshots.describe(id) + " lacks " + object
                    + ", which its seal lists: it is damaged; export a new one");
        }
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory.getParent());
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /** Decryption must not close the stored stream: the rest of it is still hashed. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
