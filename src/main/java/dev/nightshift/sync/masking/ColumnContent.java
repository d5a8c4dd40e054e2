package dev.nightshift.sync.masking;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What the content sample saw in one kept column: how many non-NULL values it read and, per kind of
 * personal-looking content, how many values showed it. Counts only: never a value.
 */
public record ColumnContent(String table, String column, int sampled, Map<ContentDetector.Kind, Integer> hits) {

    public ColumnContent {
        hits = Collections.unmodifiableMap(hits.isEmpty() ? new EnumMap<>(ContentDetector.Kind.class) : new EnumMap<>(hits));
    }

    public boolean looksPersonal() {
        return !hits.isEmpty();
    }

    /** E.g. {@code 12 of 1000 sampled values look like email addresses, 3 like phone numbers}. */
    public String describe() {
        StringJoiner out = new StringJoiner(", ");
        boolean first = true;
        for (Map.Entry<ContentDetector.Kind, Integer> hit : hits.entrySet()) {
            out.add(first ? hit.getValue() + " of " + sampled + " sampled values look like " + hit.getKey().description()
                    : hit.getValue() + " like " + hit.getKey().description());
            first = false;
        }
        return out.toString();
    }

    /** A rule for the content found, strongest evidence first: what a person would most likely pick. */
    public ColumnRule suggestedRule() {
        if (hits.containsKey(ContentDetector.Kind.EMAIL)) {
            return ColumnRule.of("fake", "provider", "email");
        }
        if (hits.containsKey(ContentDetector.Kind.PHONE)) {
            return ColumnRule.of("fake", "provider", "phone");
        }
        if (hits.containsKey(ContentDetector.Kind.IP)) {
            return ColumnRule.of("fake", "provider", "ip");
        }
        if (hits.containsKey(ContentDetector.Kind.MASKED_ORIGINAL)) {
            return ColumnRule.of("fake", "provider", "name");
        }
        return ColumnRule.of("hash");
    }
}
