package dev.nightshift.testsupport;

import java.io.IOException;

/**
 * The test suite's in-process S3 server as a program, for bench/backup-storage-bench.sh: starts it on
 * 127.0.0.1, creates one bucket, prints the {@code nightshift.backup} storage line for it, and stops when
 * its standard input closes.
 */
public final class TestS3Server {

    private TestS3Server() {
    }

    public static void main(String[] args) throws IOException {
        TestS3 s3 = TestS3.get();
        String bucket = s3.createBucket();
        System.out.println(s3.storageSetting(bucket, "bench"));
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
        System.exit(0);
    }
}
