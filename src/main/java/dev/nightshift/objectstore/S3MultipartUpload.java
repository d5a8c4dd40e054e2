package dev.nightshift.objectstore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Streams an object into S3 by multipart upload, one part in memory at a time, so a dump never needs a local
 * copy. The object only exists once the upload is completed; an upload that is aborted, or
 * whose process dies, leaves at most an unfinished upload, which S3 never lists as an object and the next
 * run's leftover cleanup aborts.
 */
final class S3MultipartUpload extends OutputStream implements ObjectStore.Upload {

    private static final Logger log = LoggerFactory.getLogger(S3MultipartUpload.class);

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String uploadId;
    private final byte[] part;
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private boolean completed;

    S3MultipartUpload(S3Client s3, String bucket, String key, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.part = new byte[partSize];
        // created up front: an upload id exists from the first byte on, so a crash leaves something to clean
        this.uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
    }

    @Override
    public OutputStream stream() {
        return this;
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == part.length) {
            uploadPart();
        }
        part[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == part.length) {
                uploadPart();
            }
            int n = Math.min(length, part.length - filled);
            System.arraycopy(bytes, offset, part, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void close() {
        // the compressor's close() reaches here; the upload is completed by finish(), never implicitly
    }

    private void uploadPart() throws IOException {
        int number = parts.size() + 1;
        try {
            String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                            .contentLength((long) filled),
                    RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        } catch (RuntimeException e) {
            throw new IOException("uploading part " + number + " of s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void finish(String sha256) throws IOException {
        if (filled > 0 || parts.isEmpty()) {
            uploadPart();
        }
        try {
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
            completed = true;
        } catch (RuntimeException e) {
            throw new IOException("completing the upload of s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
        String stored = readBack();
        if (!stored.equals(sha256)) {
            abort();
            throw new IOException("s3://" + bucket + "/" + key + " read back with SHA-256 " + stored + " but "
                    + sha256 + " was uploaded; the object was deleted, it must be written again");
        }
    }

    /**
     * Downloads the stored object and hashes it: the only check that covers every byte end to end whatever
     * the server (ETags of multipart objects are not content hashes, and not every S3-compatible server keeps
     * the SDK's additional checksums).
     */
    private String readBack() throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(s3.getObject(r -> r.bucket(bucket).key(key),
                ResponseTransformer.toInputStream()), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (RuntimeException e) {
            throw new IOException("reading back s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void abort() {
        try {
            if (completed) {
                s3.deleteObject(r -> r.bucket(bucket).key(key));
            } else {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            }
        } catch (RuntimeException e) {
            log.warn("could not remove the unfinished upload of s3://{}/{} ({}); the next run's cleanup removes it",
                    bucket, key, e.getMessage());
        }
    }
}
