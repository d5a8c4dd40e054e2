package dev.nightshift.migration;

import java.util.List;

/**
 * The keys one batch covers: after {@code from} (exclusive; null for the first batch) up to and including
 * {@code to}. Key values travel as PostgreSQL's text form and are bound untyped, so the server reads them as
 * the key column's own type (integer, uuid, text, timestamp ...).
 *
 * @param keys how many rows of the table the range held when it was planned
 */
record KeyRange(List<String> from, List<String> to, long keys) {

    boolean first() {
        return from == null;
    }

    String describe() {
        return "(" + (from == null ? "start" : String.join(", ", from)) + " .. " + String.join(", ", to) + "]";
    }
}
