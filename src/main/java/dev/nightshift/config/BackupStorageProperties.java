package dev.nightshift.config;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where backup artifacts are kept: the local {@code nightshift.backup.directory} or an S3-compatible bucket
 * ({@code <env>/<logical-db>/} folders below its prefix).
 *
 * @param type {@code local} (the default) or {@code s3}
 * @param s3   the bucket, when {@code type: s3}
 */
public record BackupStorageProperties(@DefaultValue("local") Type type,
                                      @NestedConfigurationProperty @DefaultValue S3BucketProperties s3) {

    /** Kinds of backup storage. */
    public enum Type {
        LOCAL, S3
    }
}
