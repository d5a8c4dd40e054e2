package dev.nightshift.sync.masking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The masking rules of one table. {@code kept} lists the columns declared safe to copy as they are;
 * {@code keepAll} copies every column unmasked, {@code skipData} copies the table's structure only, and
 * {@code filter} (nullable) is an SQL condition limiting which rows are copied.
 */
public record TableRules(Map<String, ColumnRule> masked, Set<String> kept, boolean keepAll, boolean skipData,
                         String filter) {

    public TableRules {
        masked = masked == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(masked));
        kept = kept == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(kept));
    }

    /** True when the column's values are copied as they are: keep-all, listed under keep, or strategy keep. */
    public boolean keepsUnchanged(String column) {
        ColumnRule rule = masked.get(column);
        return keepAll || kept.contains(column) || rule != null && rule.strategy().equals("keep");
    }
}
