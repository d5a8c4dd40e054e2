package dev.nightshift.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rows {@link DemoDatabase#fill} inserted, per table, in the order the tables were filled. */
public record DemoStats(Map<String, Long> rowsPerTable) {

    public DemoStats {
        // LinkedHashMap rather than Map.copyOf: the demo command prints tables in fill order.
        rowsPerTable = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerTable));
    }

    /** Rows inserted into {@code table}; 0 for a table fill did not touch. */
    public long rows(String table) {
        return rowsPerTable.getOrDefault(table, 0L);
    }

    public long totalRows() {
        return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
