package dev.nightshift.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The bytes between a child process and Nightshift: its stdin fed, its stdout copied, its stderr kept short. */
final class ProcessStreams {

    private static final int STDERR_LIMIT = 8 * 1024;

    private ProcessStreams() {
    }

    static void copy(InputStream from, OutputStream to, StreamProgress progress) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        int n;
        while ((n = from.read(buffer)) >= 0) {
            to.write(buffer, 0, n);
            if (n > 0) {
                progress.moved();
            }
        }
    }

    static void feed(InputStream stdin, Process process, StreamProgress progress) {
        try (OutputStream toProcess = process.getOutputStream(); stdin) {
            copy(stdin, toProcess, progress);
        } catch (IOException e) {
            // the process ended early; its exit code and stderr say why
        } finally {
            // what follows the whole input (pg_restore's index builds) may take long without a byte moving
            progress.inputDone();
        }
    }

    /** Collects stderr, keeping its last part only: a chatty program must not fill the heap. */
    static void collect(InputStream err, StringBuilder into) {
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = err.read(buffer)) >= 0) {
                synchronized (into) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (into.length() > 4 * STDERR_LIMIT) {
                        into.delete(0, into.length() - STDERR_LIMIT);
                    }
                }
            }
        } catch (IOException e) {
            // process gone
        }
    }

    static String tail(StringBuilder stderr) {
        synchronized (stderr) {
            String text = stderr.toString().strip();
            return text.length() > STDERR_LIMIT ? text.substring(text.length() - STDERR_LIMIT) : text;
        }
    }
}
