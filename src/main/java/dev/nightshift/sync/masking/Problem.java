package dev.nightshift.sync.masking;

import java.util.Objects;

/** One reason the rules cannot be used on a schema; {@code column} is null for a problem of the whole table. */
public record Problem(String table, String column, String message) {

    public Problem {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(message, "message");
    }
}
