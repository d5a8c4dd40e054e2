package dev.nightshift.backup;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The JSON file beside each artifact: enough to restore or audit the backup without the ops database.
 * Written last (to a temporary name, then renamed), so its presence means the artifact is complete.
 *
 * @param rowCounts rows per table in the dump's snapshot; only filled when verification restored the backup
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
        Map<String, Long> rowCounts) {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    void writeBeside(Path artifact) throws IOException {
        Path manifest = BackupDirectory.manifestOf(artifact);
        Path temporary = manifest.resolveSibling(manifest.getFileName() + BackupDirectory.PARTIAL);
        BackupDirectory.createPrivateFile(temporary);
        Files.writeString(temporary, JSON.writeValueAsString(this));
        Files.move(temporary, manifest, StandardCopyOption.ATOMIC_MOVE);
    }

    static BackupManifest read(Path manifest) throws IOException {
        return JSON.readValue(Files.readString(manifest), BackupManifest.class);
    }
}
