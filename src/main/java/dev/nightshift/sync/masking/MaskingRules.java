package dev.nightshift.sync.masking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The masking rules of one logical database, by qualified table name ({@code schema.table}). */
public record MaskingRules(Map<String, TableRules> tables) {

    public MaskingRules {
        tables = tables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    public Optional<TableRules> table(String qualifiedName) {
        return Optional.ofNullable(tables.get(qualifiedName));
    }
}
