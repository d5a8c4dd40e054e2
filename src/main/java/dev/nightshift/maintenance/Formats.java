package dev.nightshift.maintenance;

import dev.nightshift.backup.Sizes;

/** Numbers as people read them in the HTML and Markdown reports (JSON keeps the raw values). */
final class Formats {

    private Formats() {
    }

    static String bytes(long bytes) {
        return (bytes < 0 ? "-" : "") + Sizes.human(Math.abs(bytes));
    }

    static String signedBytes(long bytes) {
        return (bytes > 0 ? "+" : "") + bytes(bytes);
    }
}
