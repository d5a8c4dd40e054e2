package dev.nightshift.sync.masking;

import java.util.Objects;

/**
 * A column the rules say nothing about, with its type so a masking rule can be proposed for it;
 * {@code tableHasRules} tells whether the proposal goes into an existing table entry or a new one.
 */
public record UncoveredColumn(String table, String column, String type, boolean tableHasRules) {

    public UncoveredColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }
}
