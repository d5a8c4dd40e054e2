package dev.nightshift.sync;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * The JSON run report of one sync: per table, the rows of the source and of the copy and the leak scan's
 * findings; then the checks over the whole database. It never holds a data value: a leak is reported by
 * table, column and count, not by the value that leaked.
 */
public record SyncReport(String from, String to, String database, String source, long executionId, Instant verifiedAt,
                  boolean passed, List<TableResult> tables, List<String> failures, List<String> notes,
                  List<String> schemaOnlyInSource, List<String> schemaOnlyInCopy) {

    /**
     * @param maskedColumns   the columns masked on the way
     * @param valuesChecked   values (and email addresses inside text) of the rows written that were looked up
     *                        among the originals of every masked column
     * @param leaks           what held an original: table, column, the masked column it came from, how many
     *                        values (must be empty)
     */
    public record TableResult(String table, long sourceRows, long copyRows, List<String> maskedColumns, long valuesChecked,
                       List<String> leaks, boolean passed) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("sync-" + to + "-" + database + "-" + executionId + ".json");
        Path partial = directory.resolve(file.getFileName() + ".partial");
        JSON.writeValue(partial.toFile(), this);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    static SyncReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), SyncReport.class);
    }
}
