package dev.nightshift.maintenance;

import java.util.Arrays;

/** One index of a user table as the catalog and the statistics describe it, with its btree bloat estimate. */
record IndexHealth(long oid, long tableOid, String schema, String table, String name, String method,
                   boolean unique, boolean primary, boolean valid, int keyCount, int[] columns,
                   boolean hasExpressions, boolean partial, String definition, long bytes, long scans,
                   BloatEstimate bloat) {

    String qualifiedTable() {
        return schema + "." + table;
    }

    /** Key columns only (INCLUDE columns do not order the index). */
    int[] keys() {
        return Arrays.copyOf(columns, Math.min(keyCount, columns.length));
    }

    boolean plainBtree() {
        return "btree".equals(method) && !hasExpressions && !partial;
    }

    /** Starts with exactly these columns, in any order: then it can serve a lookup on them. */
    boolean leadsWith(int[] wanted) {
        int[] keys = keys();
        if (hasExpressions || partial || keys.length < wanted.length) {
            return false;
        }
        int[] lead = Arrays.copyOf(keys, wanted.length);
        int[] sortedWanted = wanted.clone();
        Arrays.sort(lead);
        Arrays.sort(sortedWanted);
        return Arrays.equals(lead, sortedWanted);
    }
}
