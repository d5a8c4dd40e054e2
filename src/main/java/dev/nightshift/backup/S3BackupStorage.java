package dev.nightshift.backup;

import dev.nightshift.config.S3BucketProperties;
import dev.nightshift.objectstore.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Artifacts in an S3-compatible bucket, below {@code prefix}. S3 has no rename, so an artifact is uploaded
 * under its final key; it stays unpublished until its manifest is written, and nothing lists an object
 * without a manifest.
 */
final class S3BackupStorage implements BackupStorage, AutoCloseable {

    private final ObjectStore store;

    private S3BackupStorage(ObjectStore store) {
        this.store = store;
    }

    static S3BackupStorage connect(S3BucketProperties settings) {
        return new S3BackupStorage(ObjectStore.connect(settings, "nightshift.backup.storage.s3", "backups"));
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public String toString() {
        return location();
    }

    private static String folder(String environment, String logical) {
        return environment + "/" + logical + "/";
    }

    @Override
    public void preflight(String environment, String logical, long databaseBytes) throws IOException {
        store.requireBucket();
    }

    @Override
    public String newArtifact(String environment, String logical, Instant start, String suffix) {
        return BackupDirectory.artifactName(environment, logical, start, suffix);
    }

    @Override
    public ObjectStore.Upload create(String artifact) throws IOException {
        return store.upload(artifact);
    }

    @Override
    public InputStream openStaged(String artifact) throws IOException {
        return open(artifact);
    }

    @Override
    public void publish(String artifact) {
        // the completed upload is already in place; the manifest written next is what publishes it
    }

    @Override
    public void writeText(String name, String text) throws IOException {
        store.writeText(name, text);
    }

    @Override
    public String readText(String name) throws IOException {
        return store.readText(name);
    }

    @Override
    public boolean exists(String name) throws IOException {
        return store.exists(name);
    }

    @Override
    public InputStream open(String artifact) throws IOException {
        try {
            return store.open(artifact);
        } catch (NoSuchFileException e) {
            throw new IOException("the artifact " + location() + "/" + artifact + " is missing (deleted by hand, or by"
                    + " retention meanwhile); take a new backup or use --source live");
        }
    }

    @Override
    public List<String> manifests(String environment, String logical) throws IOException {
        return store.list(folder(environment, logical)).stream().filter(k -> k.endsWith(MANIFEST)).sorted().toList();
    }

    @Override
    public List<String> removeLeftovers(String environment, String logical) throws IOException {
        List<String> removed = new ArrayList<>();
        for (String upload : store.abortUploads(folder(environment, logical))) {
            removed.add(location() + "/" + upload + " (unfinished upload)");
        }
        Set<String> names = Set.copyOf(store.list(folder(environment, logical)));
        for (String name : names) {
            boolean orphanArtifact = name.contains(".dump") && !name.endsWith(MANIFEST) && !name.endsWith(CHECKSUM)
                    && !names.contains(name + MANIFEST);
            boolean orphanChecksum = name.endsWith(CHECKSUM)
                    && !names.contains(name.substring(0, name.length() - CHECKSUM.length()) + MANIFEST);
            if (orphanArtifact || orphanChecksum) {
                store.delete(name);
                removed.add(location() + "/" + name);
            }
        }
        return removed;
    }

    @Override
    public void delete(String artifact) throws IOException {
        store.delete(BackupStorage.manifestOf(artifact), BackupStorage.checksumOf(artifact), artifact);
    }

    @Override
    public void close() {
        store.close();
    }
}
