package dev.nightshift.sync.masking;

/**
 * Masks one value. Values are PostgreSQL text-format strings and {@code null} is SQL NULL. NULL always stays
 * NULL: masking must not invent data where there was none, and a NULL carries no personal data to hide.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface MaskingStrategy {

    String mask(String original, Row row);
}
