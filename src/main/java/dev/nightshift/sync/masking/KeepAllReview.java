package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveColumn;
import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.sync.schema.LiveTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Default deny for {@code keep-all} tables. A column no rule names (keep-all admits every column, also one
 * added to production yesterday) is refused when its name and type or its content look personal; the others
 * are reported as unreviewed. Naming a column in the table's {@code keep:} list marks it reviewed.
 */
public final class KeepAllReview {

    /** @param warnings one line per table with unreviewed columns: names and counts, never values */
    public record Result(List<Problem> problems, List<String> warnings) {

        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }
    }

    private KeepAllReview() {
    }

    /** The columns this review reads content of: the unnamed columns of keep-all tables. */
    public static boolean unreviewed(TableRules rules, LiveColumn column) {
        return rules.keepAll() && !rules.skipData() && !column.generated() && !rules.kept().contains(column.name());
    }

    /** @param content what the content sample saw in (at least) every {@link #unreviewed} column */
    public static Result review(MaskingRules rules, LiveSchema schema, List<ColumnContent> content) {
        Map<String, ColumnContent> byColumn = new LinkedHashMap<>();
        content.forEach(c -> byColumn.put(c.table() + "\u0000" + c.column(), c));
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (LiveTable table : schema.tables()) {
            Optional<TableRules> tableRules = rules.table(table.qualifiedName());
            if (tableRules.isEmpty() || table.foreign()) {
                continue; // a foreign table's rows are never copied (structure only): nothing of it can leak
            }
            List<String> unflagged = new ArrayList<>();
            for (LiveColumn column : table.columns()) {
                if (!unreviewed(tableRules.get(), column)) {
                    continue;
                }
                ColumnContent seen = byColumn.get(table.qualifiedName() + "\u0000" + column.name());
                Optional<String> why = why(column, seen);
                if (why.isPresent()) {
                    problems.add(new Problem(table.qualifiedName(), column.name(), why.get()));
                } else {
                    unflagged.add(column.name());
                }
            }
            if (!unflagged.isEmpty()) {
                warnings.add(table.qualifiedName() + ": " + unflagged.size() + " column(s) copied unmasked by keep-all"
                        + " were never reviewed: " + String.join(", ", unflagged) + " (nothing personal found in the"
                        + " content sample; once reviewed, list them under keep:)");
            }
        }
        return new Result(problems, warnings);
    }

    private static Optional<String> why(LiveColumn column, ColumnContent seen) {
        // a column called just "name" names roles, products and plans as often as people: its content decides
        Optional<PiiSuggestion> byName = column.name().equalsIgnoreCase("name") ? Optional.empty()
                : PiiDetector.suggest(column.name(), column.type());
        boolean byContent = seen != null && seen.looksPersonal();
        if (byName.isEmpty() && !byContent) {
            return Optional.empty();
        }
        String evidence = byName.map(s -> "its name and type look personal").orElse("")
                + (byName.isPresent() && byContent ? "; " : "") + (byContent ? seen.describe() : "");
        PiiSuggestion suggestion = byName.orElseGet(() -> new PiiSuggestion(column.name(), seen.suggestedRule()));
        return Optional.of("is copied unmasked by keep-all, but " + evidence + "; replace keep-all by columns: and"
                + " keep: for this table with a rule such as " + suggestion.describe() + ", or, once reviewed as"
                + " harmless, list it under keep:");
    }
}
