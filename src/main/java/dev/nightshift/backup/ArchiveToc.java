package dev.nightshift.backup;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the row counter keeps of an archive's table of contents: every table ({@code schema.table}), and which
 * table each {@code TABLE DATA} entry's dump id fills, so the data blocks that follow can be attributed and a
 * missing one noticed.
 */
final class ArchiveToc {

    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<Integer, String> tableData = new HashMap<>();
    private final Map<Integer, Boolean> dataSeen = new LinkedHashMap<>();

    /** Reads one TOC entry, or throws {@link ArchiveFields.Underflow} when it is not all there yet. */
    void readEntry(ArchiveFields in, ArchiveHeader header) {
        int dumpId = in.readInt();
        boolean hasData = in.readInt() != 0;
        in.readString(); // table oid
        in.readString(); // oid
        String tag = in.readString();
        String desc = in.readString();
        in.readInt(); // section
        in.skipString(); // definition: the largest field, never needed
        in.skipString(); // drop statement
        in.skipString(); // copy statement
        String namespace = in.readString();
        in.readString(); // tablespace
        if (header.minor() >= 14) {
            in.readString(); // table access method
        }
        if (header.minor() >= 16) {
            in.readInt(); // relkind
        }
        in.readString(); // owner
        in.readString(); // "false": with oids
        while (in.readString() != null) {
            // dependencies, ended by a null string
        }
        in.skip(1 + header.offSize()); // the data offset of the custom format
        // the entry is recorded only once it was read whole: an underflow above re-reads it from its start
        String table = namespace + "." + tag;
        if ("TABLE".equals(desc)) {
            counts.putIfAbsent(table, 0L);
        } else if ("TABLE DATA".equals(desc) && hasData) {
            tableData.put(dumpId, table);
            dataSeen.put(dumpId, false);
        }
    }

    /**
     * A data block with {@code dumpId} starts: the table whose rows it holds, or null for data that has no
     * TABLE entry (an extension's configuration table), which is read past uncounted.
     */
    String startData(int dumpId) {
        dataSeen.replace(dumpId, true);
        String table = tableData.get(dumpId);
        return table != null && counts.containsKey(table) ? table : null;
    }

    void count(String table, long rows) {
        counts.put(table, rows);
    }

    /** The first table whose TOC announced data that no block delivered. */
    Optional<String> tableWithoutData() {
        return dataSeen.entrySet().stream().filter(e -> !e.getValue()).findFirst().map(e -> tableData.get(e.getKey()));
    }

    /** Rows per table, tables without data at 0, ordered by name. */
    Map<String, Long> counts() {
        return new LinkedHashMap<>(counts);
    }
}
