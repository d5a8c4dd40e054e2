package dev.nightshift.migration.schema;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes a rehearsal report as Markdown and JSON: {@code <directory>/<env>/<db>/rehearsal-<env>-<db>-<UTC>.{md,json}}. */
public final class RehearsalFiles {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RehearsalFiles() {
    }

    public static List<Path> write(RehearsalReport report, Path directory, String environment, String logical) {
        Path folder = directory.resolve(environment).resolve(logical);
        String base = "rehearsal-" + environment + "-" + logical + "-" + STAMP.format(Instant.now());
        try {
            Files.createDirectories(folder);
            return List.of(atomically(folder.resolve(base + ".md"), report.markdown()),
                    atomically(folder.resolve(base + ".json"), JSON.writeValueAsString(report)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rehearsal report to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Complete or absent: written beside, then moved into place. */
    private static Path atomically(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        return Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
