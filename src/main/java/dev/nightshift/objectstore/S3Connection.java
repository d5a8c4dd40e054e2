package dev.nightshift.objectstore;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.S3BucketProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An S3 client built from the bucket settings, which are checked first (a bad one is a configuration error). */
record S3Connection(S3Client client, String prefix, int partSize) {

    static S3Connection of(S3BucketProperties settings, String setting, String what) {
        if (settings.bucket() == null || settings.bucket().isBlank()) {
            throw new ConfigurationException(setting + ".bucket is not set; name the bucket " + what + " go to");
        }
        long partSize = settings.partSize().toBytes();
        if (partSize < 5L << 20 || partSize > 1L << 30) {
            throw new ConfigurationException(setting + ".part-size must be between 5MB (S3's minimum)"
                    + " and 1GB, was " + settings.partSize());
        }
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings, setting));
        if (!settings.sdkChecksums()) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        if (settings.endpoint() != null && !settings.endpoint().toString().isBlank()) {
            builder.endpointOverride(settings.endpoint());
        }
        return new S3Connection(builder.build(), settings.prefix().replaceAll("^/+|/+$", ""), (int) partSize);
    }

    private static AwsCredentialsProvider credentials(S3BucketProperties settings, String setting) {
        String id = settings.accessKeyId();
        if (id == null || id.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String secret = settings.secretAccessKey();
        if (secret == null || secret.isBlank() || secret.startsWith("${") || id.startsWith("${")) {
            throw new ConfigurationException("the S3 credentials of " + setting + " are not set (access-key-id"
                    + " and secret-access-key); export the variables they refer to or mount the secret");
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
    }
}
