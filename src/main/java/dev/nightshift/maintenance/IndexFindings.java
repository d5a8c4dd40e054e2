package dev.nightshift.maintenance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What is wrong with a database's indexes: never used since the statistics were reset, duplicate or covered
 * by another, invalid, and foreign keys that no index supports (every delete in the referenced table scans).
 */
record IndexFindings(List<Finding> unused, List<Finding> duplicates, List<Finding> invalid,
                     List<Finding> unindexedForeignKeys) {

    /** One finding: the table, the index or constraint, and what it means. */
    record Finding(String table, String name, long bytes, String detail) {
    }

    static IndexFindings of(List<IndexHealth> indexes, List<StatisticsReader.ForeignKey> foreignKeys) {
        List<Finding> unused = new ArrayList<>();
        List<Finding> invalid = new ArrayList<>();
        for (IndexHealth index : indexes) {
            if (!index.valid()) {
                invalid.add(new Finding(index.qualifiedTable(), index.name(), index.bytes(),
                        "invalid (a failed CREATE INDEX CONCURRENTLY?): drop it and create it again"));
            } else if (index.scans() == 0 && !index.unique() && !index.primary()) {
                unused.add(new Finding(index.qualifiedTable(), index.name(), index.bytes(),
                        "no scans since the statistics were reset" + (index.definition() == null ? "" : "; " + index.definition())));
            }
        }
        return new IndexFindings(unused, duplicates(indexes), invalid, unindexed(indexes, foreignKeys));
    }

    private static List<Finding> duplicates(List<IndexHealth> indexes) {
        List<Finding> findings = new ArrayList<>();
        Map<Long, List<IndexHealth>> byTable = indexes.stream().filter(IndexHealth::plainBtree)
                .collect(Collectors.groupingBy(IndexHealth::tableOid));
        for (List<IndexHealth> sameTable : byTable.values()) {
            for (IndexHealth a : sameTable) {
                for (IndexHealth b : sameTable) {
                    if (a == b) {
                        continue;
                    }
                    int[] ka = a.keys();
                    int[] kb = b.keys();
                    boolean same = Arrays.equals(ka, kb);
                    if (same && a.unique() == b.unique() && a.name().compareTo(b.name()) > 0) {
                        findings.add(new Finding(a.qualifiedTable(), a.name(), a.bytes(), "duplicate of " + b.name()));
                    } else if (!a.unique() && ka.length < kb.length && Arrays.equals(ka, Arrays.copyOf(kb, ka.length))) {
                        findings.add(new Finding(a.qualifiedTable(), a.name(), a.bytes(),
                                "overlaps " + b.name() + ", whose leading columns are the same"));
                    } else if (same && !a.unique() && b.unique()) {
                        findings.add(new Finding(a.qualifiedTable(), a.name(), a.bytes(),
                                "duplicate of the unique index " + b.name()));
                    }
                }
            }
        }
        return findings;
    }

    private static List<Finding> unindexed(List<IndexHealth> indexes, List<StatisticsReader.ForeignKey> foreignKeys) {
        Map<Long, List<IndexHealth>> byTable = indexes.stream().collect(Collectors.groupingBy(IndexHealth::tableOid));
        List<Finding> findings = new ArrayList<>();
        for (StatisticsReader.ForeignKey key : foreignKeys) {
            boolean supported = byTable.getOrDefault(key.tableOid(), List.of()).stream()
                    .anyMatch(index -> index.valid() && index.leadsWith(key.columns()));
            if (!supported) {
                findings.add(new Finding(key.schema() + "." + key.table(), key.name(), 0,
                        "no index starts with (" + key.columnNames() + "): deletes and updates in the referenced"
                                + " table scan this one"));
            }
        }
        return findings;
    }
}
