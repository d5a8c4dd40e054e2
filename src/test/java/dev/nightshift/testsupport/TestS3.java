package dev.nightshift.testsupport;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An S3-compatible server (S3Proxy over an in-memory blob store) in the test JVM, on 127.0.0.1 only,
 * started once and stopped when the JVM exits. Each test takes a bucket of its own.
 */
public final class TestS3 {

    private static final String ACCESS_KEY = "nightshift-test";
    private static final String SECRET_KEY = "nightshift-test-secret";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static volatile TestS3 instance;

    private final URI endpoint;
    private final S3Client client;

    private TestS3(URI endpoint) {
        this.endpoint = endpoint;
        this.client = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public static TestS3 get() {
        if (instance == null) {
            synchronized (TestS3.class) {
                if (instance == null) {
                    instance = start();
                }
            }
        }
        return instance;
    }

    private static TestS3 start() {
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
                Thread.sleep(10);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    proxy.stop();
                } catch (Exception e) {
                    // the JVM is exiting
                }
            }, "stop-test-s3"));
            return new TestS3(URI.create("http://127.0.0.1:" + proxy.getPort()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process S3 server: " + e, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public S3Client client() {
        return client;
    }

    /** A new empty bucket. */
    public String createBucket() {
        String bucket = "nightshift-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
        client.createBucket(r -> r.bucket(bucket));
        return bucket;
    }

    /** The {@code nightshift.backup} line that puts backups into {@code bucket} below {@code prefix}. */
    public String storageSetting(String bucket, String prefix) {
        return "storage: {type: s3, s3: {endpoint: \"" + endpoint + "\", bucket: " + bucket + ", prefix: \"" + prefix
                + "\", path-style: true, access-key-id: " + ACCESS_KEY + ", secret-access-key: " + SECRET_KEY
                + ", part-size: 5MB}}";
    }

    public List<String> keys(String bucket) {
        return client.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
    }

    /** Multipart uploads started and neither completed nor aborted. */
    public int unfinishedUploads(String bucket) {
        return client.listMultipartUploads(r -> r.bucket(bucket)).uploads().size();
    }

    /** Parts uploaded so far to the unfinished multipart uploads of {@code bucket}. */
    public int uploadedParts(String bucket) {
        return client.listMultipartUploads(r -> r.bucket(bucket)).uploads().stream()
                .mapToInt(u -> client.listParts(r -> r.bucket(bucket).key(u.key()).uploadId(u.uploadId())).parts().size())
                .sum();
    }

    public byte[] read(String bucket, String key) {
        return client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }
}
