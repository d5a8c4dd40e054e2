package dev.nightshift.objectstore;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.S3BucketProperties;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The package's entry point: objects in an S3-compatible bucket below a prefix, named relative to it
 * ({@code a/b.c} is the key {@code <prefix>/a/b.c}), and the client-side cipher they may be encrypted with.
 * Backups and masked snapshots share it; what an object means (published, sealed, a leftover) is theirs.
 * Every failure is an IOException (or, for settings, a ConfigurationException) naming the object.
 */
public final class ObjectStore implements AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int partSize;
    private final String setting;

    private ObjectStore(S3Client s3, String bucket, String prefix, int partSize, String setting) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.partSize = partSize;
        this.setting = setting;
    }

    /**
     * A client for the bucket of {@code settings}; {@code setting} is where they are configured (e.g.
     * {@code nightshift.backup.storage.s3}), for messages, and {@code what} what goes there ("backups").
     */
    public static ObjectStore connect(S3BucketProperties settings, String setting, String what) {
        S3Connection connection = S3Connection.of(settings, setting, what);
        return new ObjectStore(connection.client(), settings.bucket(), connection.prefix(), connection.partSize(), setting);
    }

    /** {@code s3://bucket/prefix}, for catalogs and messages. */
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

    private String describe(String name) {
        return location() + "/" + name;
    }

    /** Fails unless the bucket exists and these credentials may use it. */
    public void requireBucket() throws IOException {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (S3Exception e) {
            throw new ConfigurationException("cannot use bucket " + bucket + " (HTTP " + e.statusCode() + "): "
                    + (e.statusCode() == 404 ? "it does not exist; create it" : "check the credentials and the bucket policy")
                    + " (" + setting + ")");
        } catch (SdkException e) {
            throw new IOException("cannot reach " + location() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts a multipart upload of {@code name}: the object exists only once {@link Upload#finish} completed it,
     * so a crash leaves at most an unfinished upload ({@link #abortUploads} removes it).
     */
    public Upload upload(String name) throws IOException {
        try {
            return new S3MultipartUpload(s3, bucket, key(name), partSize);
        } catch (SdkException e) {
            throw new IOException("cannot start the upload to " + describe(name) + ": " + e.getMessage(), e);
        }
    }

    /** Writes a small object whole or not at all. */
    public void writeText(String name, String text) throws IOException {
        try {
            s3.putObject(r -> r.bucket(bucket).key(key(name)), RequestBody.fromString(text, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw new IOException("cannot write " + describe(name) + ": " + e.getMessage(), e);
        }
    }

    public String readText(String name) throws IOException {
        try {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key(name))).asUtf8String();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(describe(name), null, "no such object");
        } catch (SdkException e) {
            throw new IOException("cannot read " + describe(name) + ": " + e.getMessage(), e);
        }
    }

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
            throw new IOException("cannot look up " + describe(name) + ": " + e.getMessage(), e);
        }
    }

    /** Reads an object; a missing one is a {@link NoSuchFileException} naming it. */
    public InputStream open(String name) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key(name)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(describe(name), null, "no such object");
        } catch (SdkException e) {
            throw new IOException("cannot read " + describe(name) + ": " + e.getMessage(), e);
        }
    }

    /** Names of every object below {@code folder} (e.g. {@code prod/auth/}; empty: the whole prefix). */
    public List<String> list(String folder) throws IOException {
        try {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(key(folder))).contents().stream()
                    .map(S3Object::key).map(this::name).toList();
        } catch (SdkException e) {
            throw new IOException("cannot list " + location() + ": " + e.getMessage(), e);
        }
    }

    /** Aborts every unfinished upload below {@code folder}; returns the names they were for. */
    public List<String> abortUploads(String folder) throws IOException {
        return abortUploads(folder, name -> true);
    }

    /** Aborts the unfinished uploads below {@code folder} whose name {@code which} accepts; returns those names. */
    public List<String> abortUploads(String folder, Predicate<String> which) throws IOException {
        List<String> aborted = new ArrayList<>();
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(
                    r -> r.bucket(bucket).prefix(key(folder))).uploads()) {
                if (which.test(name(upload.key()))) {
                    s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                    aborted.add(name(upload.key()));
                }
            }
        } catch (SdkException e) {
            throw new IOException("cannot clean up " + location() + ": " + e.getMessage(), e);
        }
        return aborted;
    }

    /** Deletes objects in the given order (a missing one is no error). */
    public void delete(String... names) throws IOException {
        for (String name : names) {
            try {
                s3.deleteObject(r -> r.bucket(bucket).key(key(name)));
            } catch (SdkException e) {
                throw new IOException("cannot delete " + describe(name) + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    /**
     * Reads a cleartext JSON Tink StreamingAead keyset; an unreadable or invalid one is a configuration error
     * naming {@code setting} (where the file is configured) and {@code what} it is for ("backup").
     */
    public static Cipher cipher(Path keysetFile, String what, String setting) {
        return TinkStreamCipher.load(keysetFile, what, setting);
    }

    /** A new keyset with one AES256_GCM_HKDF_1MB key, as cleartext JSON: store it as a secret, never in git. */
    public static String generateKeyset() {
        return TinkStreamCipher.generateKeyset();
    }

    /** An object being written: {@link #finish} completes it, {@link #abort()} throws it away. */
    public interface Upload {

        OutputStream stream();

        /**
         * Finishes the write and proves the stored bytes have {@code sha256}; on a mismatch the object is
         * removed and an IOException says so.
         */
        void finish(String sha256) throws IOException;

        /** Throws the partial object away; never throws itself. */
        void abort();
    }

    /**
     * Client-side encryption with Tink's StreamingAead (AES256-GCM-HKDF, 1MB segments): every segment is
     * authenticated, so a wrong key, a flipped bit or a cut-off object fails the read. The associated data
     * binds the ciphertext to what it is (which backup, which snapshot file), so objects cannot be swapped.
     */
    public interface Cipher {

        /** The value a manifest records as the encryption scheme. */
        String SCHEME = "tink-streaming-aead";
        /** What an encrypted object's name ends with. */
        String SUFFIX = ".tink";

        /** The key new objects are encrypted with. */
        long primaryKeyId();

        /** Every key this keyset can decrypt with. */
        Set<Long> keyIds();

        /** The keyset's file, for messages (never its content). */
        Path keysetFile();

        OutputStream encrypt(OutputStream ciphertext, String associatedData) throws IOException;

        InputStream decrypt(InputStream ciphertext, String associatedData) throws IOException;
    }
}
