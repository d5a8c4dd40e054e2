package dev.nightshift.sync.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The lines of two normalized schema dumps that the other lacks (as a multiset: order is not compared twice). */
record SchemaDiff(List<String> onlyInSource, List<String> onlyInCopy) {

    private static final int SHOWN = 20;

    static SchemaDiff of(String source, String copy) {
        if (source.equals(copy)) {
            return new SchemaDiff(List.of(), List.of());
        }
        List<String> a = missing(source, copy);
        List<String> b = missing(copy, source);
        if (a.isEmpty() && b.isEmpty()) {
            a = List.of("(the same statements in another order)");
        }
        return new SchemaDiff(a, b);
    }

    boolean empty() {
        return onlyInSource.isEmpty() && onlyInCopy.isEmpty();
    }

    private static List<String> missing(String from, String in) {
        Map<String, Integer> available = new HashMap<>();
        in.lines().forEach(l -> available.merge(l, 1, Integer::sum));
        List<String> missing = new ArrayList<>();
        for (String line : from.lines().toList()) {
            Integer n = available.get(line);
            if (n == null || n == 0) {
                if (missing.size() < SHOWN) {
                    missing.add(line);
                }
            } else {
                available.put(line, n - 1);
            }
        }
        return missing;
    }
}
