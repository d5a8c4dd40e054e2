package dev.nightshift.sync.export;

import dev.nightshift.sync.snapshot.SpooledTable;
import dev.nightshift.postgres.Identifiers;
import dev.nightshift.sync.masking.BinaryCodec;
import dev.nightshift.sync.masking.MaskingRules;
import dev.nightshift.sync.masking.TableRules;
import dev.nightshift.sync.masking.TemplatePlaceholders;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Set;

/**
 * How a live extraction cuts the source into COPYs: skip-data tables left out, big tables in block ranges
 * so the threads share them, each part in binary format where that is safe, biggest first.
 */
final class TableParts {

    private TableParts() {
    }

    record Part(SourceCatalog.Leaf leaf, String filter, String range, boolean binary, long pages) {

        /** The COPY of this part's rows, {@code columns} of them (all the leaf's, or fewer). */
        String copySql(List<String> columns) {
            String list = columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
            String table = Identifiers.quote(leaf.schema(), leaf.name());
            // the filter is SQL from the reviewed rules file, like a view's definition: it cannot be a parameter
            String where = filter == null ? range : range == null ? "(" + filter + ")" : "(" + filter + ") AND " + range;
            return (where == null
                    ? "COPY " + table + (list.isEmpty() ? "" : " (" + list + ")") + " TO STDOUT"
                    : "COPY (SELECT " + list + " FROM ONLY " + table + " WHERE " + where + ") TO STDOUT")
                    + (binary ? " (FORMAT binary)" : "");
        }

        SpooledTable shape(String file) {
            return SpooledTable.shape(leaf.schema(), leaf.name(), leaf.columns(), file, binary, leaf.types());
        }
    }

    static List<Part> plan(List<SourceCatalog.Leaf> leaves, MaskingRules rules, boolean binaryAllowed, long partPages,
                           int threads) {
        List<Part> parts = new ArrayList<>();
        for (SourceCatalog.Leaf leaf : leaves) {
            TableRules tableRules = rules.table(leaf.root()).orElseThrow(() -> new IllegalStateException(
                    "no masking rules for " + leaf.root() + " (the validation should have stopped the sync)"));
            if (tableRules.skipData()) {
                continue;
            }
            boolean binary = binaryAllowed && binary(leaf, tableRules);
            int count = partCount(leaf.pages(), partPages, threads);
            for (int part = 0; part < count; part++) {
                parts.add(new Part(leaf, tableRules.filter(), count == 1 ? null : blockRange(leaf.pages(), part, count),
                        binary, leaf.pages() / count));
            }
        }
        // biggest first, here and in the load (which runs the spool's files in order): the last part
        // to start is a small one, so no thread is left working alone for long at the end
        parts.sort(Comparator.comparingLong(Part::pages).reversed());
        return parts;
    }

    /**
     * Binary format when allowed and every column has a binary form the target can read, and the masking
     * can decode every column it reads (the primary key too: the leak scan looks rows up by it).
     */
    static boolean binary(SourceCatalog.Leaf leaf, TableRules rules) {
        if (leaf.columns().isEmpty() || leaf.types().size() != leaf.columns().size() || leaf.types().contains("")) {
            return false;
        }
        Set<String> read = new HashSet<>(TemplatePlaceholders.columnsRead(rules));
        read.addAll(leaf.primaryKey());
        for (String column : read) {
            int i = leaf.columns().indexOf(column);
            if (i >= 0 && BinaryCodec.forType(leaf.types().get(i)) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parts of at most {@code partPages} pages, so that the threads share big tables and finish together;
     * at most four per thread, however small the part size.
     */
    static int partCount(long pages, long partPages, int threads) {
        if (threads <= 1 || pages <= partPages) {
            return 1;
        }
        return (int) Math.min(4L * threads, (pages + partPages - 1) / partPages);
    }

    /**
     * The rows of block range {@code part} of {@code parts}, as a condition on ctid (a TID range scan reads
     * just those blocks). Built from block numbers the catalog gave, not from anything a user wrote.
     */
    static String blockRange(long pages, int part, int parts) {
        long from = pages * part / parts;
        long to = pages * (part + 1) / parts;
        String lower = "ctid >= '(" + from + ",0)'::tid";
        String upper = "ctid < '(" + to + ",0)'::tid";
        return part == 0 ? upper : part == parts - 1 ? lower : lower + " AND " + upper;
    }
}
