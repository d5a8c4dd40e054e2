package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BackupDirectoryTest {

    @Test
    void removesPartialsAndArtifactsWithoutManifestButKeepsCompleteBackups(@TempDir Path root) throws Exception {
        // given one complete backup, one partial and one artifact whose run died before its manifest
        BackupDirectory directory = new BackupDirectory(root);
        Path complete = directory.newArtifact("prod", "auth", Instant.parse("2026-11-01T02:00:00Z"), Compression.ZSTD);
        Files.writeString(complete, "dump");
        Files.writeString(BackupDirectory.checksumOf(complete), "sum");
        Files.writeString(BackupDirectory.manifestOf(complete), "{}");
        Path partial = BackupDirectory.partialOf(directory.newArtifact("prod", "auth", Instant.parse("2026-11-02T02:00:00Z"), Compression.ZSTD));
        Files.writeString(partial, "half");
        Path noManifest = directory.newArtifact("prod", "auth", Instant.parse("2026-11-03T02:00:00Z"), Compression.ZSTD);
        Files.writeString(noManifest, "dump");
        Files.writeString(BackupDirectory.checksumOf(noManifest), "sum");

        // when
        var removed = directory.removeLeftovers("prod", "auth");

        // then
        assertThat(removed).containsExactlyInAnyOrder(partial, noManifest, BackupDirectory.checksumOf(noManifest));
        assertThat(complete).exists();
        assertThat(BackupDirectory.checksumOf(complete)).exists();
        assertThat(complete.getFileName().toString()).isEqualTo("prod-auth-20261101T020000Z.dump.zst");
    }
}
