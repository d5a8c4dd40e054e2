package dev.nightshift.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's COPY text format, one row at a time: fields separated by tabs, {@code \N} for NULL, and
 * backslash escapes for the characters that would break the layout. Only rows that need masking are parsed;
 * the others pass through as bytes.
 */
public final class CopyText {

    private CopyText() {
    }

    /** The fields of one row (without its line end); {@code null} for SQL NULL. */
    public static List<String> parse(CharSequence line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean rawNull = false;
        int length = line.length();
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(rawNull ? null : field.toString());
                field.setLength(0);
                rawNull = false;
            } else if (c == '\\' && i + 1 < length) {
                char next = line.charAt(++i);
                if (next == 'N' && field.isEmpty() && (i + 1 == length || line.charAt(i + 1) == '\t')) {
                    rawNull = true;
                } else {
                    i = unescape(line, i, field);
                }
            } else {
                field.append(c);
            }
        }
        fields.add(rawNull ? null : field.toString());
        return fields;
    }

    /** Appends one row in COPY text format, without its line end. */
    public static void format(List<String> fields, StringBuilder out) {
        for (int f = 0; f < fields.size(); f++) {
            if (f > 0) {
                out.append('\t');
            }
            String value = fields.get(f);
            if (value == null) {
                out.append("\\N");
                continue;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case 0x0B -> out.append("\\v");
                    default -> out.append(c);
                }
            }
        }
    }

    /** Decodes the escape whose letter is at {@code i}; returns the index of its last character. */
    private static int unescape(CharSequence line, int i, StringBuilder field) {
        char c = line.charAt(i);
        switch (c) {
            case 't' -> field.append('\t');
            case 'n' -> field.append('\n');
            case 'r' -> field.append('\r');
            case 'b' -> field.append('\b');
            case 'f' -> field.append('\f');
            case 'v' -> field.append((char) 0x0B);
            case 'x' -> {
                int end = i + 1;
                while (end < line.length() && end < i + 3 && Character.digit(line.charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == i + 1) {
                    field.append('x');
                    return i;
                }
                field.append((char) Integer.parseInt(line.subSequence(i + 1, end).toString(), 16));
                return end - 1;
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int end = i;
                    while (end < line.length() && end < i + 3 && line.charAt(end) >= '0' && line.charAt(end) <= '7') {
                        end++;
                    }
                    field.append((char) Integer.parseInt(line.subSequence(i, end).toString(), 8));
                    return end - 1;
                }
                // any other escaped character stands for itself (\\ included)
                field.append(c);
            }
        }
        return i;
    }
}
