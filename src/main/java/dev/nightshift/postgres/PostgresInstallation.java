package dev.nightshift.postgres;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the PostgreSQL programs of the local installation. Debian keeps one directory per major version
 * (/usr/lib/postgresql/15/bin); other systems put the programs on the PATH.
 */
public final class PostgresInstallation {

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private PostgresInstallation() {
    }

    /** The bin directory of the newest installed major version that has {@code program}, if any. */
    public static Optional<Path> newestBinDirWith(String program) {
        return binDirsWith(program).stream().findFirst();
    }

    /** Bin directories that have {@code program}: Debian's, newest major first, then the PATH's. */
    public static List<Path> binDirsWith(String program) {
        return Stream.concat(debianBinDirs(), pathDirs())
                .filter(bin -> Files.isExecutable(bin.resolve(program)))
                .distinct()
                .toList();
    }

    private static Stream<Path> debianBinDirs() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Stream.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions
                    .filter(v -> v.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparingInt((Path v) -> Integer.parseInt(v.getFileName().toString())).reversed())
                    .map(v -> v.resolve("bin"))
                    .toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static Stream<Path> pathDirs() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(Path::of);
    }
}
