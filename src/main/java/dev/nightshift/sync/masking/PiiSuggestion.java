package dev.nightshift.sync.masking;

import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** A masking rule proposed for a column that looks personal, printable as a line of a rules file. */
public record PiiSuggestion(String column, ColumnRule rule) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.@-]*");
    // words YAML would read as null or booleans unless quoted
    private static final Pattern RESERVED = Pattern.compile("(?i)null|true|false|yes|no|on|off|y|n");

    /** E.g. {@code email: {strategy: fake, provider: email}}. */
    public String describe() {
        return scalar(column) + ": " + rule(rule);
    }

    private static String rule(ColumnRule rule) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        out.add("strategy: " + scalar(rule.strategy()));
        rule.options().forEach((key, value) -> out.add(key + ": " + value(value)));
        return out.toString();
    }

    private static String value(Object value) {
        if (value instanceof ColumnRule nested) {
            return rule(nested);
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            map.forEach((k, v) -> out.add(scalar(String.valueOf(k)) + ": " + value(v)));
            return out.toString();
        }
        return value instanceof Number ? value.toString() : scalar(String.valueOf(value));
    }

    private static String scalar(String text) {
        if (PLAIN.matcher(text).matches() && !RESERVED.matcher(text).matches()) {
            return text;
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
