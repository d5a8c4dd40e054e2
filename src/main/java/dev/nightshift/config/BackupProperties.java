package dev.nightshift.config;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * How backups are taken, verified and kept.
 *
 * @param directory              where artifacts, checksums and manifests go ({@code <env>/<logical-db>/} below it)
 * @param compression            compression of the artifacts
 * @param compressionLevel       compression level; 0 picks Nightshift's default (zstd 1, gzip 6)
 * @param verify                 verification of every new artifact: {@code list} runs pg_restore --list over it,
 *                               {@code restore} also restores it into a throwaway database and compares row counts
 * @param freeSpaceRatio         the preflight refuses to start unless the free space in {@code directory} is at
 *                               least this fraction of the database's size
 * @param verifyEnvironment      where {@code verify: restore} restores its scratch copy: the name of an
 *                               environment whose server may take the load (staging, a scratch server);
 *                               empty means the source's own server, which for a protected source needs
 *                               --confirm-production, because a full restore loads that server
 * @param retention              which verified backups are kept after each successful backup
 * @param storage                where artifacts go: {@code local} (the directory above) or an S3-compatible bucket
 * @param encryption             client-side encryption of new artifacts with a Tink keyset
 * @param freshness              what {@code nightshift backups check} accepts
 */
public record BackupProperties(
        @DefaultValue("/var/lib/nightshift/backups") Path directory,
        @DefaultValue("zstd") Compression compression,
        @DefaultValue("0") int compressionLevel,
        @DefaultValue("list") VerifyMode verify,
        @DefaultValue("0.5") double freeSpaceRatio,
        String verifyEnvironment,
        @NestedConfigurationProperty @DefaultValue RetentionProperties retention,
        @NestedConfigurationProperty @DefaultValue BackupStorageProperties storage,
        @NestedConfigurationProperty @DefaultValue BackupEncryptionProperties encryption,
        @NestedConfigurationProperty @DefaultValue BackupFreshnessProperties freshness) {

    /** Codec of the backup artifacts. */
    public enum Compression {
        ZSTD(".zst"), GZIP(".gz"), NONE("");

        private final String suffix;

        Compression(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    /** How thoroughly a new artifact is checked before it counts as verified. */
    public enum VerifyMode {
        LIST, RESTORE
    }
}
