package dev.nightshift.sync.snapshot;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an extraction left in the spool directory (masked rows only). It is written last, so a spool without it is incomplete
 * (a killed extraction) and is thrown away; a spool with it is what a restarted sync resumes from.
 *
 * @param source   what the rows came from, for the report ("backup #12 of prod/auth taken ...", "live snapshot")
 * @param backupId the backup's catalog id, or null for a live snapshot
 * @param materializedViews populated materialized views to refresh after the post-data section, in creation
 *                          order (a schema-only dump has no refresh of its own; a backup's post-data does)
 */
public record SpoolManifest(String source, Long backupId, List<SpooledTable> tables, List<SequenceValue> sequences,
                     List<String> materializedViews, Checks checks, Origin origin) {

    /**
     * What the loading side needs to know of the rules and the source, so that it needs neither: an import
     * has no rules file, no salt and no access to the source.
     *
     * @param from          the source environment
     * @param database      the logical database
     * @param sourceMajor   the source server's major version (binary parts load only into the same major)
     * @param filters       per spooled table (schema.name), the row filter the target applies after the load
     *                      (a backup's rows cannot be filtered on the way)
     * @param maskedColumns per spooled table, the columns masked on the way (for the report)
     * @param rulesSha256   the rules file's SHA-256, so a report can tell which rules made the snapshot
     */
    public record Origin(String from, String database, int sourceMajor, Map<String, String> filters,
                  Map<String, List<String>> maskedColumns, String rulesSha256) {
        public Origin {
            filters = filters == null ? Map.of() : Map.copyOf(filters);
            maskedColumns = maskedColumns == null ? Map.of() : Map.copyOf(maskedColumns);
        }
    }

    /**
     * What the leak check of the extraction did (counts and sizes only).
     *
     * @param fingerprinted original values of the masked columns fingerprinted
     * @param distinct      distinct fingerprints
     * @param bytes         memory the fingerprints took
     * @param millis        time spent fingerprinting, summed over the extraction's threads
     */
    public record Checks(long fingerprinted, long distinct, long bytes, long millis) {
    }

    public SpoolManifest(String source, Long backupId, List<SpooledTable> tables, List<SequenceValue> sequences,
                  List<String> materializedViews) {
        this(source, backupId, tables, sequences, materializedViews, null, null);
    }

    public SpoolManifest with(List<SpooledTable> checkedTables, Checks done, Origin from) {
        return new SpoolManifest(source, backupId, checkedTables, sequences, materializedViews, done, from);
    }

    public String filter(SpooledTable table) {
        return origin == null ? null : origin.filters().get(table.qualifiedName());
    }

    public List<String> maskedColumns(SpooledTable table) {
        return origin == null ? List.of() : origin.maskedColumns().getOrDefault(table.qualifiedName(), List.of());
    }

    public static final String FILE = "spool.json";
    public static final String PRE_DATA = "pre-data.sql";
    public static final String POST_DATA = "post-data.sql";
    public static final String SCHEMA = "schema.sql";
    static final String TABLES = "tables";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public SpoolManifest {
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        materializedViews = materializedViews == null ? List.of() : List.copyOf(materializedViews);
    }

    public static Optional<SpoolManifest> read(Path spool) throws IOException {
        Path file = spool.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), SpoolManifest.class));
    }

    public void write(Path spool) throws IOException {
        Path partial = spool.resolve(FILE + ".partial");
        JSON.writeValue(partial.toFile(), this);
        Files.move(partial, spool.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    public SpooledTable table(int index) {
        return tables.get(index);
    }
}
