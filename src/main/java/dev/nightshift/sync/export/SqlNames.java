package dev.nightshift.sync.export;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the identifiers pg_restore prints in its COPY lines: bare ({@code public.users}) or double-quoted
 * with doubled quotes inside ({@code public."User ""Data"""}).
 */
final class SqlNames {

    private final String text;
    private int at;

    private SqlNames(String text, int at) {
        this.text = text;
        this.at = at;
    }

    /**
     * Parses {@code COPY schema.table (a, b) FROM stdin;} into its names: element 0 the schema, 1 the table,
     * the rest the columns. Returns null when the line is not such a COPY line.
     */
    static List<String> copyLine(String line) {
        if (!line.startsWith("COPY ") || !line.endsWith(" FROM stdin;")) {
            return null;
        }
        SqlNames p = new SqlNames(line, 5);
        List<String> names = new ArrayList<>();
        names.add(p.identifier());
        if (!p.consume('.')) {
            return null;
        }
        names.add(p.identifier());
        p.skipSpaces();
        if (p.consume('(')) {
            do {
                p.skipSpaces();
                names.add(p.identifier());
                p.skipSpaces();
            } while (p.consume(','));
            if (!p.consume(')')) {
                return null;
            }
        }
        return names;
    }

    private String identifier() {
        StringBuilder name = new StringBuilder();
        if (at < text.length() && text.charAt(at) == '"') {
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    if (at < text.length() && text.charAt(at) == '"') {
                        name.append('"');
                        at++;
                    } else {
                        return name.toString();
                    }
                } else {
                    name.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated quoted identifier in: " + text);
        }
        while (at < text.length() && "., ()".indexOf(text.charAt(at)) < 0) {
            name.append(text.charAt(at++));
        }
        return name.toString();
    }

    private boolean consume(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
    }
}
