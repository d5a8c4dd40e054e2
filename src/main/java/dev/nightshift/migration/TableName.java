package dev.nightshift.migration;

import java.util.ArrayList;
import java.util.List;

/** Splits {@code public."user"}, {@code orders} or {@code "My Schema".t} into schema and table, as the catalog spells them. */
final class TableName {

    private TableName() {
    }

    static List<String> parse(String text, String where) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                parts.add(finish(current, wasQuoted, where, text));
                current.setLength(0);
                wasQuoted = false;
            } else if (!Character.isWhitespace(c)) {
                current.append(c);
            }
        }
        if (quoted) {
            throw new MigrationFileException(where + ": unbalanced quote in " + text);
        }
        parts.add(finish(current, wasQuoted, where, text));
        if (parts.size() == 1) {
            parts.add(0, "public");
        }
        if (parts.size() != 2) {
            throw new MigrationFileException(where + ": '" + text + "' is not a table name; write schema.table, e.g. public.users");
        }
        return parts;
    }

    private static String finish(StringBuilder part, boolean quoted, String where, String text) {
        if (part.isEmpty()) {
            throw new MigrationFileException(where + ": '" + text + "' is not a table name; write schema.table, e.g. public.users");
        }
        // unquoted names fold to lower case, as PostgreSQL folds them
        return quoted ? part.toString() : part.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
