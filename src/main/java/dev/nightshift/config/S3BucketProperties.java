package dev.nightshift.config;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;

/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, ...), for backups or for masked snapshots.
 *
 * @param endpoint        the service URL, e.g. {@code https://minio.internal:9000}; empty means AWS's own
 *                        endpoint for {@code region}
 * @param bucket          the bucket; it must exist
 * @param prefix          key prefix below which Nightshift's objects go (may be empty)
 * @param region          signing region (MinIO accepts any, e.g. us-east-1)
 * @param pathStyle       {@code true} for path-style URLs (MinIO and most self-hosted servers)
 * @param accessKeyId     access key; empty means the SDK's default chain (AWS_ACCESS_KEY_ID, web identity,
 *                        instance profile). Use a placeholder such as {@code ${S3_ACCESS_KEY}}
 * @param secretAccessKey its secret; a placeholder such as {@code ${S3_SECRET_KEY}}, never logged
 * @param partSize        size of one multipart-upload part (at least 5MB); the upload holds one part in memory
 * @param sdkChecksums    {@code true}: the SDK adds its CRC checksums to every upload (a transport check);
 *                        {@code false} for S3-compatible servers that reject them (older MinIO, Ceph RGW, ...).
 *                        Either way the whole object is read back and compared with its SHA-256
 */
public record S3BucketProperties(
        URI endpoint,
        String bucket,
        @DefaultValue("") String prefix,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("false") boolean pathStyle,
        String accessKeyId,
        String secretAccessKey,
        @DefaultValue("16MB") DataSize partSize,
        @DefaultValue("true") boolean sdkChecksums) {

    @Override
    public String toString() {
        // never let the secret reach a log line through toString()
        return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", prefix=" + prefix + ", region=" + region
                + ", pathStyle=" + pathStyle + "]";
    }
}
