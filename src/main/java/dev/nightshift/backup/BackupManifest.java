package dev.nightshift.backup;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The JSON file beside each artifact: enough to restore or audit the backup without the ops database.
 * Written last (whole or not at all), so its presence means the artifact is complete.
 *
 * @param rowCounts  rows per table ({@code schema.table}, partitions and empty tables included) counted from the
 *                   dump's own stream, for every backup; missing in manifests written before they were counted
 * @param storage    where the artifact is: {@code local} or {@code s3://bucket/prefix} (format 2)
 * @param encryption null for a plain artifact, else {@code tink-streaming-aead} (format 2)
 * @param keyId      id of the Tink key the artifact was encrypted with, never the key (format 2)
 */
public record BackupManifest(
        int formatVersion,
        String environment,
        String logicalDatabase,
        String database,
        String artifact,
        String compression,
        long sizeBytes,
        String sha256,
        String startedAt,
        String finishedAt,
        String serverVersion,
        String pgDumpVersion,
        int tableCount,
        boolean verified,
        String verification,
        Map<String, Long> rowCounts,
        String storage,
        String encryption,
        Long keyId) {

    static final int FORMAT = 2;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Writes the manifest beside its artifact: the step that publishes the backup. */
    void writeTo(BackupStorage storage) throws IOException {
        storage.writeText(BackupStorage.manifestOf(artifact), JSON.writeValueAsString(this));
    }

    static BackupManifest read(BackupStorage storage, String manifestName) throws IOException {
        return parse(storage.readText(manifestName));
    }

    static BackupManifest read(Path manifest) throws IOException {
        return parse(Files.readString(manifest));
    }

    static BackupManifest parse(String json) {
        return JSON.readValue(json, BackupManifest.class);
    }
}
