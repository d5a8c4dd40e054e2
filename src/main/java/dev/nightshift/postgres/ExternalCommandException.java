package dev.nightshift.postgres;

import java.io.IOException;

/** A client program failed or was stopped; the message carries the end of its stderr. */
public class ExternalCommandException extends IOException {

    private final int exitCode;
    private final String stderr;
    private final boolean stopped;

    public ExternalCommandException(String message, int exitCode, String stderr, boolean stopped) {
        super(message);
        this.exitCode = exitCode;
        this.stderr = stderr;
        this.stopped = stopped;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }

    public boolean stopped() {
        return stopped;
    }
}
