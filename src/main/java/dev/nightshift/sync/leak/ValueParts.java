package dev.nightshift.sync.leak;

import java.util.function.Consumer;

/**
 * The parts of a value that are compared with the originals: a text value whole, the string leaves of a
 * json document (and field names holding an '@'), the elements of an array (of text or of json documents).
 * Numbers are never parts: no plain number is {@link Distinctive}.
 */
public enum ValueParts {
    TEXT, JSON, TEXT_ARRAY, JSON_ARRAY;

    /** Calls {@code part} with each part of {@code value} (in PostgreSQL text form). */
    public void forEach(String value, Consumer<String> part) {
        switch (this) {
            case TEXT -> part.accept(value);
            case JSON -> json(value, part);
            case TEXT_ARRAY -> ArrayLiteral.elements(value, part);
            case JSON_ARRAY -> ArrayLiteral.elements(value, element -> json(element, part));
        }
    }

    /**
     * The string values of a json document, and those of its field names that hold an '@' (an address used
     * as a key), found by a scan of the text rather than a parse: a kept jsonb column is read on every row.
     * Strings too short to be {@link Distinctive} and without an '@' are skipped without being decoded.
     */
    private static void json(String value, Consumer<String> part) {
        int length = value.length();
        int i = 0;
        while (i < length) {
            if (value.charAt(i) != '"') {
                i++;
                continue;
            }
            int start = i + 1;
            boolean escaped = false;
            boolean at = false;
            int end = start;
            while (end < length && value.charAt(end) != '"') {
                char c = value.charAt(end);
                if (c == '\\') {
                    escaped = true;
                    end++;
                } else if (c == '@') {
                    at = true;
                }
                end++;
            }
            int next = end + 1;
            while (next < length && Character.isWhitespace(value.charAt(next))) {
                next++;
            }
            boolean key = next < length && value.charAt(next) == ':';
            if ((at || !key) && (at || end - start >= Distinctive.MIN_LENGTH)) {
                String text = value.substring(start, Math.min(end, length));
                part.accept(escaped ? unescape(text) : text);
            }
            i = end + 1;
        }
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 < text.length()) {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
