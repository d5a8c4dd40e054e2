package dev.nightshift.sync.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The snapshot directory: one sub-directory per masked snapshot, named {@code <env>-<db>-<UTC time>-<n>}
 * so that names sort by age; a snapshot counts once it is sealed ({@link SnapshotSeal}).
 */
public final class Snapshots {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Snapshots() {
    }

    public static Path newDirectory(Path root, String environment, String database, long instance) {
        return root.resolve(environment + "-" + database + "-" + STAMP.format(Instant.now()) + "-" + instance);
    }

    /** Sealed snapshots of a database (of any source environment), oldest first. */
    public static List<Path> sealed(Path root, String database) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> Files.exists(p.resolve(SnapshotSeal.FILE)))
                    .filter(p -> ofDatabase(p, database))
                    .sorted(Comparator.comparing(Snapshots::stamp)).toList();
        }
    }

    /** A path, an id in the snapshot directory, or "latest" (the newest sealed snapshot of the database). */
    public static Path resolve(Path root, String database, String snapshot) throws IOException {
        if ("latest".equals(snapshot)) {
            List<Path> all = sealed(root, database);
            return Optional.ofNullable(all.isEmpty() ? null : all.get(all.size() - 1)).orElseThrow(() ->
                    new dev.nightshift.config.ConfigurationException("no sealed snapshot of database '" + database
                            + "' in " + root + "; write one with nightshift sync export, or name one with --snapshot PATH"));
        }
        Path named = Path.of(snapshot);
        Path found = named.isAbsolute() || Files.isDirectory(named) ? named : root.resolve(snapshot);
        if (!Files.isDirectory(found)) {
            throw new dev.nightshift.config.ConfigurationException("no snapshot " + snapshot + " (looked for "
                    + found.toAbsolutePath() + "); list them with ls " + root + ", or use --snapshot latest");
        }
        return found;
    }

    /** Removes all but the newest {@code kept} sealed snapshots of the source and database; returns them. */
    public static List<Path> retain(Path root, String environment, String database, int kept) throws IOException {
        List<Path> mine = new ArrayList<>(sealed(root, database).stream()
                .filter(p -> p.getFileName().toString().startsWith(environment + "-" + database + "-")).toList());
        List<Path> removed = new ArrayList<>();
        while (mine.size() > Math.max(1, kept)) {
            Path oldest = mine.remove(0);
            // the seal goes first: a half-removed snapshot is then an incomplete one, never a damaged "sealed" one
            Files.delete(oldest.resolve(SnapshotSeal.FILE));
            SpoolFiles.delete(oldest);
            removed.add(oldest);
        }
        return removed;
    }

    private static boolean ofDatabase(Path snapshot, String database) {
        try {
            return SpoolManifest.read(snapshot).map(m -> m.origin() != null && database.equals(m.origin().database()))
                    .orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** The UTC time in the name (names of other shapes sort first). */
    private static String stamp(Path snapshot) {
        String[] parts = snapshot.getFileName().toString().split("-");
        return parts.length >= 2 ? parts[parts.length - 2] + "-" + String.format("%020d", number(parts[parts.length - 1])) : "";
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
