package dev.nightshift.backup;

import dev.nightshift.objectstore.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Artifacts in {@code nightshift.backup.directory}: staged as a private {@code .partial} file, published by an
 * atomic rename, fsynced before the manifest is written.
 */
final class LocalBackupStorage implements BackupStorage {

    static final String LOCATION = "local";

    private final BackupDirectory directory;
    private final double freeSpaceRatio;

    /** @param freeSpaceRatio the preflight wants at least this fraction of the database's size free */
    LocalBackupStorage(Path root, double freeSpaceRatio) {
        this.directory = new BackupDirectory(root);
        this.freeSpaceRatio = freeSpaceRatio;
    }

    @Override
    public String location() {
        return LOCATION;
    }

    @Override
    public String toString() {
        return "the backup directory " + directory.root();
    }

    @Override
    public void preflight(String environment, String logical, long databaseBytes) throws IOException {
        Path folder = directory.folder(environment, logical);
        Files.createDirectories(folder);
        long needed = (long) (databaseBytes * freeSpaceRatio);
        long free = Files.getFileStore(folder).getUsableSpace();
        if (free < needed) {
            throw new IOException("not enough free space in " + folder + ": " + Sizes.human(free) + " free, need "
                    + Sizes.human(needed) + " (" + freeSpaceRatio + " x the database's " + Sizes.human(databaseBytes)
                    + "); free some space, or lower nightshift.backup.free-space-ratio if your dumps compress well");
        }
    }

    @Override
    public String newArtifact(String environment, String logical, Instant start, String suffix) {
        return BackupDirectory.artifactName(environment, logical, start, suffix);
    }

    @Override
    public ObjectStore.Upload create(String artifact) throws IOException {
        Path partial = BackupDirectory.partialOf(directory.resolve(artifact));
        Files.createDirectories(partial.getParent());
        BackupDirectory.createPrivateFile(partial);
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
        OutputStream stream = Channels.newOutputStream(channel);
        return new ObjectStore.Upload() {
            @Override
            public OutputStream stream() {
                return stream;
            }

            @Override
            public void finish(String sha256) throws IOException {
                // the checksum was computed on the way to the disk; fsync makes it true after a power cut too
                channel.force(true);
                channel.close();
            }

            @Override
            public void abort() {
                try {
                    channel.close();
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    // the next run's leftover cleanup removes it
                }
            }
        };
    }

    @Override
    public InputStream openStaged(String artifact) throws IOException {
        return Files.newInputStream(BackupDirectory.partialOf(directory.resolve(artifact)));
    }

    @Override
    public void publish(String artifact) throws IOException {
        Path path = directory.resolve(artifact);
        Path partial = BackupDirectory.partialOf(path);
        if (Files.exists(partial) || !Files.exists(path)) {
            Files.move(partial, path, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Override
    public void writeText(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Path temporary = BackupDirectory.partialOf(file);
        BackupDirectory.createPrivateFile(temporary);
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String readText(String name) throws IOException {
        return Files.readString(directory.resolve(name));
    }

    @Override
    public boolean exists(String name) {
        return Files.exists(directory.resolve(name));
    }

    @Override
    public long storedSize(String artifact) {
        try {
            return Files.size(directory.resolve(artifact));
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public InputStream open(String artifact) throws IOException {
        try {
            return Files.newInputStream(directory.resolve(artifact));
        } catch (NoSuchFileException e) {
            throw new IOException("the artifact " + directory.resolve(artifact) + " is missing (deleted by hand,"
                    + " or by retention meanwhile); take a new backup or use --source live", e);
        }
    }

    @Override
    public List<String> manifests(String environment, String logical) throws IOException {
        Path folder = directory.folder(environment, logical);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(MANIFEST)).map(directory::relative).sorted().toList();
        }
    }

    @Override
    public List<String> removeLeftovers(String environment, String logical) throws IOException {
        return directory.removeLeftovers(environment, logical).stream().map(Path::toString).toList();
    }

    @Override
    public void delete(String artifact) throws IOException {
        Path path = directory.resolve(artifact);
        Files.deleteIfExists(BackupDirectory.manifestOf(path));
        Files.deleteIfExists(BackupDirectory.checksumOf(path));
        Files.deleteIfExists(path);
    }
}
