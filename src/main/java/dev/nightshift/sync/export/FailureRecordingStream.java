package dev.nightshift.sync.export;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers a failure of the stream it wraps. A child process's stdin is fed by a helper thread that can only
 * stop on an error (the process has its own exit code to report); a damaged backup's checksum error must not
 * get lost there, so the caller asks afterwards with {@link #rethrow()}.
 */
final class FailureRecordingStream extends FilterInputStream {

    private volatile IOException failure;

    FailureRecordingStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** Closes the stream if the consumer did not, then throws the first failure seen. */
    void rethrow() throws IOException {
        try {
            close();
        } catch (IOException e) {
            // recorded
        }
        if (failure != null) {
            throw failure;
        }
    }
}
