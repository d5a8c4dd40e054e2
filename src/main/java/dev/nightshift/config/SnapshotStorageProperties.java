package dev.nightshift.config;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where {@code sync export} puts masked snapshots and {@code sync import} finds them by id or as
 * {@code latest}: the local {@code nightshift.sync.snapshot-directory}, or an S3-compatible bucket (one
 * {@code <env>-<db>-<UTC time>-<n>/} folder per snapshot below its prefix). Give snapshots a bucket of
 * their own (or a prefix that the import side's credentials are limited to), not the backups' bucket: the
 * import side needs read access to it, and must not be able to read production's backups.
 *
 * @param type       {@code local} (the default: {@code nightshift.sync.snapshot-directory}) or {@code s3}
 * @param s3         the bucket, when {@code type: s3}
 * @param keysetFile a cleartext Tink StreamingAead keyset in JSON, mounted from a secret (create one with
 *                   {@code nightshift backups keygen --out FILE}; use another keyset than the backups'): when
 *                   set, every object of a new snapshot in S3 is encrypted with its primary key. An import of an
 *                   encrypted snapshot needs it; the masking salt is never needed by an import
 */
public record SnapshotStorageProperties(@DefaultValue("local") Type type,
                                        @NestedConfigurationProperty @DefaultValue S3BucketProperties s3,
                                        Path keysetFile) {

    /** Kinds of snapshot storage. */
    public enum Type {
        LOCAL, S3
    }

    public boolean encrypted() {
        return keysetFile != null && !keysetFile.toString().isBlank();
    }
}
