package dev.nightshift.sync;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Searches the rows on their way into the copy for original email addresses. A block without an '@' byte
 * costs one pass over its bytes; only rows with one are decoded and matched.
 */
final class EmailWatch {

    private final Set<String> originals;

    EmailWatch(Set<String> originals) {
        this.originals = originals;
    }

    /** How many rows of the (masked) block hold an original address. */
    long rowsWithOriginals(CopyBlock block) {
        if (originals.isEmpty()) {
            return 0;
        }
        byte[] data = block.data();
        long found = 0;
        int lineStart = 0;
        boolean at = false;
        for (int i = 0; i < block.length(); i++) {
            byte b = data[i];
            if (b == '@') {
                at = true;
            } else if (b == '\n') {
                if (at && holdsOriginal(new String(data, lineStart, i - lineStart, StandardCharsets.UTF_8))) {
                    found++;
                }
                at = false;
                lineStart = i + 1;
            }
        }
        return found;
    }

    private boolean holdsOriginal(String row) {
        Matcher m = OriginalEmails.EMAIL.matcher(row);
        while (m.find()) {
            if (originals.contains(m.group().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
