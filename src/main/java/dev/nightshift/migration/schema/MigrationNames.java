package dev.nightshift.migration.schema;

import dev.nightshift.config.ConfigurationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every {@code .sql} file in a migration directory is a migration ({@code V002__x.sql}), a repeatable one
 * ({@code R__x.sql}) or an undo script ({@code U002__x.sql}) of an existing version: a misspelt name would
 * otherwise be silently ignored.
 */
final class MigrationNames {

    private static final Pattern NAME = Pattern.compile("(?:([VU])([0-9][0-9._]*)__.+|R__.+)\\.sql");

    private MigrationNames() {
    }

    static void validate(Path location) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(location)) {
            files = walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".sql")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + location + ": " + e.getMessage(), e);
        }
        Set<org.flywaydb.core.api.MigrationVersion> versions = files.stream().map(f -> NAME.matcher(f.getFileName().toString()))
                .filter(m -> m.matches() && "V".equals(m.group(1))).map(m -> normalize(m.group(2))).collect(Collectors.toSet());
        for (Path file : files) {
            Matcher m = NAME.matcher(file.getFileName().toString());
            if (!m.matches()) {
                throw new ConfigurationException("unrecognised migration file name " + file + ": name migrations V002__description.sql,"
                        + " their undo scripts U002__description.sql, repeatable ones R__description.sql");
            }
            if ("U".equals(m.group(1)) && !versions.contains(normalize(m.group(2)))) {
                throw new ConfigurationException("undo script " + file + " has no migration V" + m.group(2) + "__*.sql beside it");
            }
        }
    }

    private static org.flywaydb.core.api.MigrationVersion normalize(String version) {
        return org.flywaydb.core.api.MigrationVersion.fromVersion(version.replace('_', '.'));
    }
}
