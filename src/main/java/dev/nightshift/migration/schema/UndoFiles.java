package dev.nightshift.migration.schema;

import org.flywaydb.core.api.MigrationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The undo scripts beside the migrations, named as Flyway names them: {@code U002__add_x.sql} undoes
 * {@code V002__add_x.sql}. Flyway's community edition does not run them; Nightshift does.
 */
final class UndoFiles {

    private static final Pattern NAME = Pattern.compile("U([0-9][0-9._]*)__.*\\.sql");

    private final Map<MigrationVersion, Path> byVersion = new HashMap<>();

    private UndoFiles() {
    }

    static UndoFiles in(Path location) {
        UndoFiles files = new UndoFiles();
        try (Stream<Path> list = Files.list(location)) {
            list.forEach(file -> {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    files.byVersion.put(MigrationVersion.fromVersion(m.group(1).replace('_', '.')), file);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + location + ": " + e.getMessage(), e);
        }
        return files;
    }

    Optional<Path> of(MigrationVersion version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
