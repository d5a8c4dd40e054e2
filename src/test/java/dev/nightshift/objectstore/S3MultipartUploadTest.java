package dev.nightshift.objectstore;

import dev.nightshift.testsupport.TestS3;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The multipart upload behind the object store: parts, completion, the checksum read back, and abort. */
class S3MultipartUploadTest {

    static final TestS3 s3 = TestS3.get();
    static final int PART = 5 << 20;

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anArtifactOfSeveralPartsIsStoredExactly() throws Exception {
        // given 12 MB written in odd-sized pieces: three parts of at most 5 MB
        String bucket = s3.createBucket();
        byte[] content = randomBytes(12 << 20);
        S3MultipartUpload upload = new S3MultipartUpload(s3.client(), bucket, "a/artifact", PART);
        for (int offset = 0; offset < content.length; offset += 777_777) {
            upload.write(content, offset, Math.min(777_777, content.length - offset));
        }

        // when
        upload.finish(sha256(content));

        // then the object holds exactly those bytes and no upload is left open
        assertThat(s3.read(bucket, "a/artifact")).isEqualTo(content);
        assertThat(s3.unfinishedUploads(bucket)).isZero();
    }

    @Test
    void aReadBackThatDoesNotMatchDeletesTheObjectAndFails() throws Exception {
        // given an upload whose computed checksum (say, of a buggy pipeline) differs from what was stored
        String bucket = s3.createBucket();
        S3MultipartUpload upload = new S3MultipartUpload(s3.client(), bucket, "a/artifact", PART);
        upload.write(randomBytes(1000), 0, 1000);

        // when / then
        assertThatThrownBy(() -> upload.finish("0".repeat(64))).isInstanceOf(IOException.class)
                .hasMessageContaining("read back with SHA-256").hasMessageContaining("the object was deleted");
        assertThat(s3.keys(bucket)).isEmpty();
    }

    @Test
    void abortLeavesNeitherObjectNorUpload() throws Exception {
        // given a part already uploaded
        String bucket = s3.createBucket();
        S3MultipartUpload upload = new S3MultipartUpload(s3.client(), bucket, "a/artifact", PART);
        upload.write(randomBytes(PART + 10), 0, PART + 10);
        assertThat(s3.uploadedParts(bucket)).isEqualTo(1);

        // when
        upload.abort();

        // then
        assertThat(s3.unfinishedUploads(bucket)).isZero();
        assertThat(s3.keys(bucket)).isEmpty();
    }
}
