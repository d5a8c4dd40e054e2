package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.Compression;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where artifacts live: {@code <directory>/<env>/<logical-db>/<env>-<logical-db>-<UTC time>.dump[.zst|.gz]}
 * with {@code .sha256} and {@code .manifest.json} beside each. An artifact is written as {@code .partial}
 * and only renamed when complete and verified, and the manifest comes last, so an artifact without a
 * manifest is by definition unfinished.
 */
final class BackupDirectory {

    static final String PARTIAL = ".partial";
    static final String MANIFEST = ".manifest.json";
    static final String CHECKSUM = ".sha256";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path root;

    BackupDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path folder(String environment, String logical) {
        return root.resolve(environment).resolve(logical);
    }

    /** The final path of a new artifact; write to {@link #partialOf(Path)} first. */
    Path newArtifact(String environment, String logical, Instant start, Compression compression) throws IOException {
        Path folder = folder(environment, logical);
        Files.createDirectories(folder);
        return root.resolve(artifactName(environment, logical, start, ".dump" + compression.suffix()));
    }

    /** {@code <env>/<logical-db>/<env>-<logical-db>-<UTC time><suffix>}: the same layout in every storage. */
    static String artifactName(String environment, String logical, Instant start, String suffix) {
        return environment + "/" + logical + "/" + environment + "-" + logical + "-" + STAMP.format(start) + suffix;
    }

    static Path partialOf(Path artifact) {
        return artifact.resolveSibling(artifact.getFileName() + PARTIAL);
    }

    static Path manifestOf(Path artifact) {
        return artifact.resolveSibling(artifact.getFileName() + MANIFEST);
    }

    static Path checksumOf(Path artifact) {
        return artifact.resolveSibling(artifact.getFileName() + CHECKSUM);
    }

    /** Creates an empty file only its owner may read: backups hold every secret the database has. */
    static void createPrivateFile(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /**
     * Removes what crashed runs left for one database: partial artifacts, and artifacts (with checksums)
     * that never got a manifest. Only call while holding that database's backup lock.
     */
    List<Path> removeLeftovers(String environment, String logical) throws IOException {
        Path folder = folder(environment, logical);
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return removed;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                boolean partial = name.endsWith(PARTIAL);
                boolean orphanArtifact = name.contains(".dump") && !name.endsWith(MANIFEST) && !name.endsWith(CHECKSUM)
                        && !Files.exists(manifestOf(file));
                boolean orphanChecksum = name.endsWith(CHECKSUM)
                        && !Files.exists(file.resolveSibling(name.substring(0, name.length() - CHECKSUM.length())));
                if (partial || orphanArtifact || orphanChecksum) {
                    deleteInto(file, removed);
                }
                if (orphanArtifact) {
                    deleteInto(checksumOf(file), removed);
                }
            }
        }
        return removed;
    }

    private static void deleteInto(Path file, List<Path> removed) throws IOException {
        if (Files.deleteIfExists(file)) {
            removed.add(file);
        }
    }

    /** The artifact's path as stored in the catalog: relative, so the directory can move. */
    String relative(Path artifact) {
        return root.relativize(artifact).toString();
    }

    Path resolve(String relative) {
        return root.resolve(relative);
    }
}
