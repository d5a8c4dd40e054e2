package dev.nightshift.sync.export;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.sync.leak.Emails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which entries of the source's schema archive (its {@code pg_restore --list}) reach the copy. Never:
 * user mappings (their options hold passwords), security labels, publications and subscriptions (a copy
 * must not replicate from or to production), large objects (their contents are no table's rows, so no rule
 * masks them). Comments only when {@code nightshift.sync.copy-comments} asks for them, and then only
 * comments holding no email address and no token-like string.
 */
final class CatalogScrub {

    private static final Pattern ENTRY = Pattern.compile("^\\d+; \\d+ \\d+ (.*)$");
    private static final List<String> NEVER = List.of("USER MAPPING", "SECURITY LABEL", "PUBLICATION", "SUBSCRIPTION",
            "BLOBS", "BLOB", "LARGE OBJECT");
    /** 20 or more characters of a key or token alphabet, letters and digits mixed. */
    private static final Pattern TOKEN = Pattern.compile("(?=[A-Za-z0-9_+/=-]*[0-9])(?=[A-Za-z0-9_+/=-]*[A-Za-z])[A-Za-z0-9_+/=-]{20,}");

    private final boolean copyComments;
    private final Map<String, Integer> left = new LinkedHashMap<>();

    CatalogScrub(boolean copyComments) {
        this.copyComments = copyComments;
    }

    /** The listing without the entries the copy must not get. */
    String filter(String listing) {
        List<String> kept = new ArrayList<>();
        for (String line : listing.lines().toList()) {
            Matcher entry = ENTRY.matcher(line);
            String type = entry.matches() ? type(entry.group(1)) : null;
            if (type == null) {
                kept.add(line);
            } else {
                left.merge(type, 1, Integer::sum);
            }
        }
        return String.join("\n", kept) + "\n";
    }

    private String type(String description) {
        for (String type : NEVER) {
            if (description.startsWith(type + " ")) { // BLOB also matches PostgreSQL 17's BLOB METADATA
                return type.equals("LARGE OBJECT") ? "BLOB" : type;
            }
        }
        return !copyComments && description.startsWith("COMMENT ") ? "COMMENT" : null;
    }

    /** What was left out, e.g. "2 user mappings, 5 comments"; empty when nothing. */
    String leftOut() {
        List<String> parts = new ArrayList<>();
        left.forEach((type, count) -> parts.add(count + " " + switch (type) {
            case "BLOBS" -> "large object contents";
            case "BLOB" -> "large object" + (count == 1 ? "" : "s");
            default -> type.toLowerCase(java.util.Locale.ROOT) + (count == 1 ? "" : "s");
        }));
        return String.join(", ", parts);
    }

    /**
     * Refuses a schema script whose comments hold an email address or a token (a comment is copied as it is,
     * no rule masks it). Names the commented object, never the text.
     */
    static void requireCleanComments(String script) {
        List<String> flagged = new ArrayList<>();
        String[] statements = script.split(";\n");
        for (String statement : statements) {
            int start = statement.indexOf("COMMENT ON ");
            if (start < 0) {
                continue;
            }
            int is = statement.indexOf(" IS ", start);
            String text = is < 0 ? statement : statement.substring(is);
            boolean[] email = {false};
            Emails.forEach(text, e -> email[0] = true);
            if (email[0] || TOKEN.matcher(text).find()) {
                flagged.add(statement.substring(start + "COMMENT ON ".length(), is < 0 ? statement.length() : is)
                        + (email[0] ? " (an email address)" : " (a token-like string)"));
            }
        }
        if (!flagged.isEmpty()) {
            throw new ConfigurationException("nightshift.sync.copy-comments is on, but comments of the source hold what"
                    + " looks like personal data or a secret: " + String.join("; ", flagged)
                    + ". Nothing was written. Reword these comments in production, or set"
                    + " nightshift.sync.copy-comments: false (the default) to copy no comment");
        }
    }
}
