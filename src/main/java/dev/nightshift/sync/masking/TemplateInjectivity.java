package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveColumn;
import dev.nightshift.sync.schema.LiveTable;
import dev.nightshift.sync.schema.UniqueKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A template is injective when its output determines the value of one placeholder column that is unique on
 * its own, NOT NULL and copied unchanged. The output determines that value when the text around it can be
 * cut unambiguously: every placeholder before it is followed by a literal whose first character cannot occur
 * in its values (read left to right), and its end is known the same way or because every placeholder after
 * it is preceded by a literal whose last character cannot occur in theirs (read right to left). Only integer
 * and uuid columns have a known alphabet; any other placeholder next to the unique one makes it ambiguous.
 */
final class TemplateInjectivity {

    private static final String INTEGER = "0123456789-";
    private static final String UUID = "0123456789abcdefABCDEF-";

    private TemplateInjectivity() {
    }

    /** @param caseFolded the key compares lower() or upper() of the output */
    static Optional<String> whyNot(String template, LiveTable table, TableRules rules, UniqueKey key, boolean caseFolded) {
        TemplateParts parts = TemplateParts.parse(template);
        List<String> alphabets = new ArrayList<>();
        for (String placeholder : parts.placeholders()) {
            alphabets.add(TemplatePlaceholders.masked(placeholder) ? null
                    : table.column(placeholder).map(TemplateInjectivity::alphabet).orElse(null));
        }
        String reason = "template has no placeholder of a column that is unique on its own and kept unchanged";
        for (int k = 0; k < parts.placeholders().size(); k++) {
            String placeholder = parts.placeholders().get(k);
            if (TemplatePlaceholders.masked(placeholder) || !rules.keepsUnchanged(placeholder)
                    || table.uniqueKeys().stream().noneMatch(u -> u.makesUnique(placeholder))) {
                continue;
            }
            boolean notNull = table.column(placeholder).map(LiveColumn::notNull).orElse(false);
            if (!notNull && !KeyElements.requiresNotNull(key.predicate(), placeholder)) {
                reason = "placeholder {" + placeholder + "} is unique but nullable, and every NULL renders as the same"
                        + " empty text; make " + placeholder + " NOT NULL, or add WHERE " + placeholder + " IS NOT NULL"
                        + " to the index";
            } else if (caseFolded && (alphabets.get(k) == null || !ascii(parts.literals()))) {
                reason = "the key compares lower() or upper() of the output, which can merge values of placeholder {"
                        + placeholder + "}; only an integer or uuid placeholder in ASCII text survives it";
            } else if (!recoverable(parts, alphabets, k)) {
                reason = "placeholder {" + placeholder + "} cannot be cut out of the output unambiguously (as in"
                        + " {code}{id}); separate it from each neighbouring placeholder by a literal character that"
                        + " cannot occur in the neighbour's values (only integer and uuid columns have a known"
                        + " alphabet; '-' occurs in both), or make it the only placeholder";
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(reason);
    }

    private static boolean recoverable(TemplateParts parts, List<String> alphabets, int k) {
        boolean startKnown = true;
        for (int i = 0; i < k; i++) {
            startKnown &= delimitedAfter(parts, alphabets, i);
        }
        boolean endKnown = true;
        for (int i = k + 1; i < alphabets.size(); i++) {
            endKnown &= delimitedBefore(parts, alphabets, i);
        }
        return startKnown && (endKnown || delimitedAfter(parts, alphabets, k))
                || endKnown && delimitedBefore(parts, alphabets, k);
    }

    private static boolean delimitedAfter(TemplateParts parts, List<String> alphabets, int i) {
        String next = parts.literals().get(i + 1);
        return alphabets.get(i) != null && !next.isEmpty() && alphabets.get(i).indexOf(next.charAt(0)) < 0;
    }

    private static boolean delimitedBefore(TemplateParts parts, List<String> alphabets, int i) {
        String previous = parts.literals().get(i);
        return alphabets.get(i) != null && !previous.isEmpty()
                && alphabets.get(i).indexOf(previous.charAt(previous.length() - 1)) < 0;
    }

    private static String alphabet(LiveColumn column) {
        return switch (column.type()) {
            case "smallint", "integer", "bigint" -> INTEGER;
            case "uuid" -> UUID;
            default -> null;
        };
    }

    private static boolean ascii(List<String> literals) {
        return literals.stream().allMatch(l -> l.chars().allMatch(c -> c < 128));
    }
}
