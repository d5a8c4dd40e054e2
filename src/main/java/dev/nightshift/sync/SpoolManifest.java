package dev.nightshift.sync;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * What an extraction left in the spool directory. It is written last, so a spool without it is incomplete
 * (a killed extraction) and is thrown away; a spool with it is what a restarted sync resumes from.
 *
 * @param source   what the rows came from, for the report ("backup #12 of prod/auth taken ...", "live snapshot")
 * @param backupId the backup's catalog id, or null for a live snapshot
 * @param materializedViews populated materialized views to refresh after the post-data section, in creation
 *                          order (a schema-only dump has no refresh of its own; a backup's post-data does)
 */
record SpoolManifest(String source, Long backupId, List<SpooledTable> tables, List<SequenceValue> sequences,
                     List<String> materializedViews) {

    static final String FILE = "spool.json";
    static final String PRE_DATA = "pre-data.sql";
    static final String POST_DATA = "post-data.sql";
    static final String SCHEMA = "schema.sql";
    static final String TABLES = "tables";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    SpoolManifest {
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        materializedViews = materializedViews == null ? List.of() : List.copyOf(materializedViews);
    }

    static Optional<SpoolManifest> read(Path spool) throws IOException {
        Path file = spool.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), SpoolManifest.class));
    }

    void write(Path spool) throws IOException {
        Path partial = spool.resolve(FILE + ".partial");
        JSON.writeValue(partial.toFile(), this);
        Files.move(partial, spool.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    SpooledTable table(int index) {
        return tables.get(index);
    }
}
