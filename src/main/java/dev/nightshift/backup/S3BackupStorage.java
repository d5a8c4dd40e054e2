package dev.nightshift.backup;

import dev.nightshift.config.BackupStorageProperties;
import dev.nightshift.config.ConfigurationException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Artifacts in an S3-compatible bucket, below {@code prefix}. S3 has no rename, so an artifact is uploaded
 * under its final key; it stays unpublished until its manifest is written, and nothing lists an object
 * without a manifest.
 */
final class S3BackupStorage implements BackupStorage, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int partSize;

    private S3BackupStorage(S3Client s3, String bucket, String prefix, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.partSize = partSize;
    }

    static S3BackupStorage connect(BackupStorageProperties.S3 settings) {
        if (settings.bucket() == null || settings.bucket().isBlank()) {
            throw new ConfigurationException("nightshift.backup.storage.s3.bucket is not set; name the bucket backups go to");
        }
        long partSize = settings.partSize().toBytes();
        if (partSize < 5L << 20 || partSize > 1L << 30) {
            throw new ConfigurationException("nightshift.backup.storage.s3.part-size must be between 5MB (S3's minimum)"
                    + " and 1GB, was " + settings.partSize());
        }
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings));
        if (!settings.sdkChecksums()) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        if (settings.endpoint() != null && !settings.endpoint().toString().isBlank()) {
            builder.endpointOverride(settings.endpoint());
        }
        String prefix = settings.prefix().replaceAll("^/+|/+$", "");
        return new S3BackupStorage(builder.build(), settings.bucket(), prefix, (int) partSize);
    }

    private static AwsCredentialsProvider credentials(BackupStorageProperties.S3 settings) {
        String id = settings.accessKeyId();
        if (id == null || id.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String secret = settings.secretAccessKey();
        if (secret == null || secret.isBlank() || secret.startsWith("${") || id.startsWith("${")) {
            throw new ConfigurationException("the S3 credentials of nightshift.backup.storage.s3 are not set (access-key-id"
                    + " and secret-access-key); export the variables they refer to or mount the secret");
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
    }

    @Override
    public String location() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    @Override
    public String toString() {
        return location();
    }

    private String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private String name(String key) {
        return prefix.isEmpty() ? key : key.substring(prefix.length() + 1);
    }

    private String folder(String environment, String logical) {
        return key(environment + "/" + logical + "/");
    }

    @Override
    public void preflight(String environment, String logical, long databaseBytes) throws IOException {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (S3Exception e) {
            throw new ConfigurationException("cannot use bucket " + bucket + " (HTTP " + e.statusCode() + "): "
                    + (e.statusCode() == 404 ? "it does not exist; create it" : "check the credentials and the bucket policy")
                    + " (nightshift.backup.storage.s3)");
        } catch (SdkException e) {
            throw new IOException("cannot reach the backup storage " + location() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String newArtifact(String environment, String logical, Instant start, String suffix) {
        return BackupDirectory.artifactName(environment, logical, start, suffix);
    }

    @Override
    public ArtifactUpload create(String artifact) throws IOException {
        try {
            return new S3MultipartUpload(s3, bucket, key(artifact), partSize);
        } catch (SdkException e) {
            throw new IOException("cannot start the upload to " + location() + "/" + artifact + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream openStaged(String artifact) throws IOException {
        return open(artifact);
    }

    @Override
    public void publish(String artifact) {
        // the completed upload is already in place; the manifest written next is what publishes it
    }

    @Override
    public void writeText(String name, String text) throws IOException {
        try {
            s3.putObject(r -> r.bucket(bucket).key(key(name)), RequestBody.fromString(text, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw new IOException("cannot write " + location() + "/" + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String readText(String name) throws IOException {
        try {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key(name))).asUtf8String();
        } catch (SdkException e) {
            throw new IOException("cannot read " + location() + "/" + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String name) throws IOException {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key(name)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("cannot look up " + location() + "/" + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String artifact) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key(artifact)));
        } catch (NoSuchKeyException e) {
            throw new IOException("the artifact " + location() + "/" + artifact + " is missing (deleted by hand, or by"
                    + " retention meanwhile); take a new backup or use --source live", e);
        } catch (SdkException e) {
            throw new IOException("cannot read " + location() + "/" + artifact + ": " + e.getMessage(), e);
        }
    }

    private List<String> keys(String environment, String logical) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(folder(environment, logical))).contents().stream()
                .map(S3Object::key).toList();
    }

    @Override
    public List<String> manifests(String environment, String logical) throws IOException {
        try {
            return keys(environment, logical).stream().filter(k -> k.endsWith(MANIFEST)).map(this::name).sorted().toList();
        } catch (SdkException e) {
            throw new IOException("cannot list " + location() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> removeLeftovers(String environment, String logical) throws IOException {
        List<String> removed = new ArrayList<>();
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(
                    r -> r.bucket(bucket).prefix(folder(environment, logical))).uploads()) {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                removed.add(location() + "/" + name(upload.key()) + " (unfinished upload)");
            }
            Set<String> keys = keys(environment, logical).stream().collect(Collectors.toSet());
            for (String key : keys) {
                boolean orphanArtifact = key.contains(".dump") && !key.endsWith(MANIFEST) && !key.endsWith(CHECKSUM)
                        && !keys.contains(key + MANIFEST);
                boolean orphanChecksum = key.endsWith(CHECKSUM)
                        && !keys.contains(key.substring(0, key.length() - CHECKSUM.length()) + MANIFEST);
                if (orphanArtifact || orphanChecksum) {
                    s3.deleteObject(r -> r.bucket(bucket).key(key));
                    removed.add(location() + "/" + name(key));
                }
            }
        } catch (SdkException e) {
            throw new IOException("cannot clean up " + location() + ": " + e.getMessage(), e);
        }
        return removed;
    }

    @Override
    public void delete(String artifact) throws IOException {
        try {
            for (String name : List.of(BackupStorage.manifestOf(artifact), BackupStorage.checksumOf(artifact), artifact)) {
                s3.deleteObject(r -> r.bucket(bucket).key(key(name)));
            }
        } catch (SdkException e) {
            throw new IOException("cannot delete " + location() + "/" + artifact + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
