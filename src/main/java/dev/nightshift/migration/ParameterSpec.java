package dev.nightshift.migration;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One declared parameter of a migration: its type and the checks a value must pass before anything runs.
 *
 * @param defaultValue the value when none is given; null makes the parameter required
 * @param allowed      the only values accepted (as text, compared after parsing); empty: any
 * @param min          smallest accepted value of a number; null: none
 * @param max          largest accepted value of a number; null: none
 * @param pattern      a regular expression a string must match entirely; null: none
 */
public record ParameterSpec(String name, ParameterType type, String description, String defaultValue, List<String> allowed,
                     BigDecimal min, BigDecimal max, Pattern pattern) {

    /** The typed value of {@code text} (or of the default when null), or a one-line reason it is refused. */
    Object value(String text, String migration) {
        String where = "migration '" + migration + "', parameter '" + name + "'";
        String raw = text != null ? text : defaultValue;
        if (raw == null) {
            throw new MigrationFileException(where + " is required (" + type.label() + "); pass --param " + name + "=VALUE");
        }
        Object value = type.parse(raw, where);
        if (!allowed.isEmpty() && allowed.stream().map(a -> type.parse(a, where)).noneMatch(value::equals)) {
            throw new MigrationFileException(where + ": '" + raw + "' is not allowed; allowed: " + String.join(", ", allowed));
        }
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString());
            if (min != null && decimal.compareTo(min) < 0 || max != null && decimal.compareTo(max) > 0) {
                throw new MigrationFileException(where + ": " + raw + " is outside " + (min == null ? "-inf" : min)
                        + " .. " + (max == null ? "+inf" : max));
            }
        }
        if (pattern != null && !pattern.matcher(raw).matches()) {
            throw new MigrationFileException(where + ": '" + raw + "' does not match " + pattern.pattern());
        }
        return value;
    }

    /** {@code algorithm (string, default sha256, one of sha256|sha512)} for --list. */
    public String describe() {
        StringBuilder text = new StringBuilder(name).append(" (").append(type.label());
        text.append(defaultValue == null ? ", required" : ", default " + defaultValue);
        if (!allowed.isEmpty()) {
            text.append(", one of ").append(String.join("|", allowed));
        }
        if (min != null || max != null) {
            text.append(", ").append(min == null ? "" : min).append("..").append(max == null ? "" : max);
        }
        text.append(')');
        if (description != null) {
            text.append(": ").append(description);
        }
        return text.toString();
    }
}
