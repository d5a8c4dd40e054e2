package dev.nightshift.postgres;

/**
 * The one place SQL identifiers are quoted. Every database, schema, table and column name that reaches SQL
 * text goes through {@link #quote(String)}; values are always bound parameters, never text.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** {@code user} becomes {@code "user"}, {@code a"b} becomes {@code "a""b"}. */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier must not be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier must not contain a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A schema-qualified name: {@code "public"."user"}. */
    public static String quote(String schema, String name) {
        return quote(schema) + '.' + quote(name);
    }
}
