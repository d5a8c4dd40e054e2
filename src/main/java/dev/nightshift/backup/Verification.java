package dev.nightshift.backup;

/** The result of checking an artifact: passed or not, and a line a person can read. */
record Verification(boolean passed, String description) implements java.io.Serializable {

    static Verification passed(String description) {
        return new Verification(true, description);
    }

    static Verification failed(String description) {
        return new Verification(false, description);
    }
}
