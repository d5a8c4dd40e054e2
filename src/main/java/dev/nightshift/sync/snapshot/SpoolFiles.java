package dev.nightshift.sync.snapshot;

import com.github.luben.zstd.ZstdOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The spool directory of one sync (masked rows between extraction and load) or an export's snapshot. It is
 * private to the user Nightshift runs as (0700, files 0600); a sync's spool is removed when the sync ends.
 * A snapshot's table parts are zstd-compressed ({@code .copy.zst}): it is kept and moved around, a spool is
 * read once, right away.
 */
public final class SpoolFiles {

    static final String COMPRESSED = ".zst";

    private final Path root;
    private final boolean compressed;
    private int tableCount;

    public SpoolFiles(Path root, boolean compressed) {
        this.root = root;
        this.compressed = compressed;
    }

    public Path root() {
        return root;
    }

    /** Removes whatever an earlier, incomplete extraction left and creates the empty spool. */
    public void recreate() throws IOException {
        delete(root);
        Files.createDirectories(root.getParent());
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectory(root.resolve(SpoolManifest.TABLES));
    }

    /** The relative name of the next table file: {@code tables/0001.copy} (or {@code .copy.zst}). */
    public synchronized String nextTableFile() {
        return SpoolManifest.TABLES + "/" + String.format("%04d.copy", ++tableCount) + (compressed ? COMPRESSED : "");
    }

    /** A new private file; a {@code .zst} name is written through zstd (level 1: fast, about 3x on COPY rows). */
    public OutputStream create(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE);
        return relative.endsWith(COMPRESSED) ? new ZstdOutputStream(new BufferedOutputStream(out, 1 << 16), 1) : out;
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    public static void delete(Path directory) throws IOException {
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
