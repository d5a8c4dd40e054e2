package dev.nightshift.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The spool directory of one sync: production rows, unmasked, between extraction and load. It is private
 * to the user Nightshift runs as (0700, files 0600) and removed when the sync ends.
 */
final class SpoolFiles {

    private final Path root;
    private int tableCount;

    SpoolFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Removes whatever an earlier, incomplete extraction left and creates the empty spool. */
    void recreate() throws IOException {
        delete(root);
        Files.createDirectories(root.getParent());
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectory(root.resolve(SpoolManifest.TABLES));
    }

    /** The relative name of the next table file: {@code tables/0001.copy}. */
    synchronized String nextTableFile() {
        return SpoolManifest.TABLES + "/" + String.format("%04d.copy", ++tableCount);
    }

    OutputStream create(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.newOutputStream(file, StandardOpenOption.WRITE);
    }

    Path resolve(String relative) {
        return root.resolve(relative);
    }

    static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
