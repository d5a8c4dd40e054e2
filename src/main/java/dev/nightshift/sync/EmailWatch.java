package dev.nightshift.sync;

import dev.nightshift.postgres.CopyBinary;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Searches the rows on their way into the copy for original email addresses. It works on the bytes: at
 * each '@' it takes the address characters to either side and looks the candidate up, so a row costs one
 * pass over its bytes. (A regular expression searched from every position of every row took more CPU
 * than the masking itself.)
 */
final class EmailWatch {

    private final Set<String> originals;
    /** Hashes of the originals, sorted: most candidates are ruled out without building a string. */
    private final long[] hashes;

    EmailWatch(Set<String> originals) {
        this.originals = originals;
        this.hashes = originals.stream().mapToLong(o -> {
            byte[] b = o.getBytes(StandardCharsets.ISO_8859_1);
            return hash(b, 0, b.length);
        }).sorted().toArray();
    }

    /** FNV-1a over the ASCII-lowercased bytes (the originals are stored lowercased). */
    private static long hash(byte[] data, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            byte b = data[i];
            h = (h ^ (b >= 'A' && b <= 'Z' ? b | 0x20 : b)) * 0x100000001b3L;
        }
        return h;
    }

    /** How many rows of the (masked) block hold an original address. */
    long rowsWithOriginals(CopyBlock block) {
        if (originals.isEmpty()) {
            return 0;
        }
        byte[] data = block.data();
        long found = 0;
        int lineStart = 0;
        boolean foundInLine = false;
        for (int i = 0; i < block.length(); i++) {
            byte b = data[i];
            if (b == '\n') {
                lineStart = i + 1;
                foundInLine = false;
            } else if (b == '@' && !foundInLine && isOriginalAt(data, lineStart, i, block.length())) {
                found++;
                foundInLine = true;
            }
        }
        return found;
    }

    /**
     * How many rows of a (masked) block of COPY binary rows hold an original address. Each field is searched
     * on its own: the length words between values are not text and must not join an address.
     */
    long binaryRowsWithOriginals(CopyBlock block) {
        if (originals.isEmpty()) {
            return 0;
        }
        byte[] data = block.data();
        long found = 0;
        int position = 0;
        while (position < block.length()) {
            int fields = CopyBinary.int16(data, position);
            position += 2;
            boolean foundInRow = false;
            for (int f = 0; f < fields; f++) {
                int length = CopyBinary.int32(data, position);
                position += 4;
                if (length > 0) {
                    int end = position + length;
                    for (int i = position; i < end && !foundInRow; i++) {
                        if (data[i] == '@' && isOriginalAt(data, position, i, end)) {
                            foundInRow = true;
                        }
                    }
                    position = end;
                }
            }
            if (foundInRow) {
                found++;
            }
        }
        return found;
    }

    /** Whether the address around the '@' at {@code at} (same syntax as {@link OriginalEmails#EMAIL}) is an original. */
    private boolean isOriginalAt(byte[] data, int lineStart, int at, int end) {
        int from = at;
        while (from > lineStart && isLocalPart(data[from - 1])) {
            from--;
        }
        int to = at + 1;
        while (to < end && isDomain(data[to])) {
            to++;
        }
        while (to > at + 1 && (data[to - 1] == '.' || data[to - 1] == '-')) {
            to--; // "write to anna@corp.example." ends the sentence, not the address
        }
        if (from == at || to == at + 1 || java.util.Arrays.binarySearch(hashes, hash(data, from, to)) < 0) {
            return false;
        }
        return originals.contains(new String(data, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
    }

    private static boolean isLocalPart(byte b) {
        return isAlphanumeric(b) || b == '.' || b == '_' || b == '%' || b == '+' || b == '-';
    }

    private static boolean isDomain(byte b) {
        return isAlphanumeric(b) || b == '.' || b == '-';
    }

    private static boolean isAlphanumeric(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
    }
}
