package dev.nightshift.migration;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import java.util.function.Function;

/** The types a migration parameter may have, each with the Java value the JDBC driver binds for it. */
public enum ParameterType {
    STRING(s -> s),
    INTEGER(Long::valueOf),
    DECIMAL(BigDecimal::new),
    BOOLEAN(ParameterType::parseBoolean),
    DATE(LocalDate::parse),
    TIMESTAMP(OffsetDateTime::parse),
    UUID(java.util.UUID::fromString);

    private final Function<String, Object> parser;

    ParameterType(Function<String, Object> parser) {
        this.parser = parser;
    }

    static ParameterType named(String name, String where) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MigrationFileException(where + ": unknown type '" + name + "'; use one of "
                    + "string, integer, decimal, boolean, date, timestamp, uuid");
        }
    }

    /** The typed value of {@code text}, or an exception saying what a value of this type looks like. */
    Object parse(String text, String where) {
        try {
            return parser.apply(text.strip());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new MigrationFileException(where + ": '" + text + "' is not " + example());
        }
    }

    private String example() {
        return switch (this) {
            case STRING -> "a string";
            case INTEGER -> "an integer (e.g. 42)";
            case DECIMAL -> "a decimal number (e.g. 0.25)";
            case BOOLEAN -> "true or false";
            case DATE -> "a date (e.g. 2026-11-30)";
            case TIMESTAMP -> "a timestamp with offset (e.g. 2026-11-30T02:00:00Z)";
            case UUID -> "a uuid (e.g. 3f2b8c1e-0d4a-4c55-9d2e-7a1b2c3d4e5f)";
        };
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

}
