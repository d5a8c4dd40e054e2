package dev.nightshift.testsupport;

/** What one nightshift command line did: its exit code and everything it printed (logs included). */
public record CliResult(int exitCode, String out, String err) {

    public String all() {
        return out + err;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
