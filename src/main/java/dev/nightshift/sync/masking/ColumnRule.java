package dev.nightshift.sync.masking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one column (or one JSON path) is masked: a strategy name and its options as written in the rules
 * file. A {@code json} rule holds its nested rules as {@code paths -> Map<String, ColumnRule>}.
 */
public record ColumnRule(String strategy, Map<String, Object> options) {

    public ColumnRule {
        Objects.requireNonNull(strategy, "strategy");
        // insertion order is kept so describe() and error messages follow the file
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static ColumnRule of(String strategy) {
        return new ColumnRule(strategy, Map.of());
    }

    public static ColumnRule of(String strategy, String option, Object value) {
        return new ColumnRule(strategy, Map.of(option, value));
    }
}
