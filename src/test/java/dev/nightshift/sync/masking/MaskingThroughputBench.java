package dev.nightshift.sync.masking;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows per second that {@link RowMasker} masks with each strategy, one thread, on rows shaped like a users
 * table (id, email, name, phone, profile jsonb). Run by bench/masking-throughput.sh; not a test: the numbers
 * go to docs/benchmarks.md, nothing is asserted.
 */
public final class MaskingThroughputBench {

    private static final int ROWS = 200_000;
    private static final int ROUNDS = 3;
    private static final List<String> COLUMNS = List.of("id", "email", "name", "phone", "profile");

    public static void main(String[] args) {
        Map<String, ColumnRule> rules = new LinkedHashMap<>();
        rules.put("keep (pass-through, unparsed)", null);
        rules.put("template", ColumnRule.of("template", "template", "user_{id}@test.example.com"));
        rules.put("fake name", ColumnRule.of("fake", "provider", "name"));
        rules.put("fake email", ColumnRule.of("fake", "provider", "email"));
        rules.put("hash", ColumnRule.of("hash"));
        rules.put("random", ColumnRule.of("random"));
        rules.put("partial", ColumnRule.of("partial", "keep-last", 4));
        rules.put("constant", ColumnRule.of("constant", "value", "x"));
        rules.put("null", ColumnRule.of("null"));
        rules.put("json path", new ColumnRule("json", Map.of("paths",
                Map.of("address.street", ColumnRule.of("fake", "provider", "street")))));
        List<byte[]> lines = rows();
        System.out.printf("| strategy (column) | rows/s, median of %d rounds of %,d rows |%n|---|---|%n", ROUNDS, ROWS);
        for (var entry : rules.entrySet()) {
            String column = entry.getKey().startsWith("json") ? "profile"
                    : entry.getKey().startsWith("fake name") ? "name" : "email";
            TableRules table = entry.getValue() == null
                    ? new TableRules(Map.of(), Set.copyOf(COLUMNS), true, false, null)
                    : new TableRules(Map.of(column, entry.getValue()), Set.of(), false, false, null);
            RowMasker masker = RowMasker.forTable(COLUMNS, table, "benchmark-salt-0123456789".getBytes());
            mask(masker, lines); // warm-up
            double[] rates = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long start = System.nanoTime();
                mask(masker, lines);
                rates[r] = ROWS / ((System.nanoTime() - start) / 1e9);
            }
            Arrays.sort(rates);
            System.out.printf("| %s (%s) | %,.0f |%n", entry.getKey(), column, rates[ROUNDS / 2]);
        }
    }

    /** The data step's path: UTF-8 rows in, UTF-8 rows out, only the masked field decoded. */
    private static void mask(RowMasker masker, List<byte[]> lines) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
        long length = 0;
        for (byte[] line : lines) {
            out.reset();
            masker.mask(line, 0, line.length, out);
            length += out.size();
        }
        if (length == 0) {
            throw new IllegalStateException("nothing masked");
        }
    }

    private static List<byte[]> rows() {
        List<byte[]> lines = new ArrayList<>(ROWS);
        for (int i = 1; i <= ROWS; i++) {
            lines.add((i + "\tperson" + i + "@corp.example\tFirstname" + (i % 997) + " Lastname" + (i % 991)
                    + "\t+1-555-" + (1000 + i % 9000) + "\t{\"address\": {\"street\": \"" + i
                    + " Main Street\", \"city\": \"Springfield\"}, \"locale\": \"en\"}").getBytes(StandardCharsets.UTF_8));
        }
        return lines;
    }
}
