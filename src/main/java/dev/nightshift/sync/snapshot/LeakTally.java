package dev.nightshift.sync.snapshot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Leaks found, as "what holds what" descriptions (table, column and the masked column the value came
 * from; never a value) with how many values. Kept in a step's context as text, one "count TAB what" a line.
 */
public final class LeakTally {

    private final Map<String, Long> counts = new LinkedHashMap<>();

    public void add(String what, long count) {
        counts.merge(what, count, Long::sum);
    }

    public void addAll(LeakTally other) {
        other.counts.forEach(this::add);
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    public Map<String, Long> counts() {
        return counts;
    }

    String encode() {
        StringBuilder out = new StringBuilder();
        counts.forEach((what, count) -> out.append(count).append('\t').append(what).append('\n'));
        return out.toString();
    }

    public static LeakTally decode(String text) {
        LeakTally tally = new LeakTally();
        if (text != null) {
            text.lines().filter(l -> !l.isBlank()).forEach(l -> {
                int tab = l.indexOf('\t');
                tally.add(l.substring(tab + 1), Long.parseLong(l.substring(0, tab)));
            });
        }
        return tally;
    }
}
