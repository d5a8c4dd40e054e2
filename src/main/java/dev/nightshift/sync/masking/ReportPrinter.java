package dev.nightshift.sync.masking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Renders a {@link ValidationReport} for a person fixing the rules file. */
final class ReportPrinter {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private ReportPrinter() {
    }

    static String print(ValidationReport report) {
        Map<String, List<Problem>> byTable = new LinkedHashMap<>();
        report.problems().forEach(p -> byTable.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(p));
        StringBuilder out = new StringBuilder();
        byTable.forEach((table, problems) -> {
            out.append(table).append('\n');
            problems.forEach(p -> out.append("  ").append(p.column() == null ? "(table)" : p.column())
                    .append(": ").append(p.message()).append('\n'));
            List<UncoveredColumn> uncovered = report.uncovered().stream().filter(u -> u.table().equals(table)).toList();
            if (!uncovered.isEmpty()) {
                out.append(snippet(table, uncovered));
            }
        });
        return out.toString().stripTrailing();
    }

    /** Indented as under the file's {@code tables:} key, so it pastes as it is; a person still reviews it. */
    private static String snippet(String table, List<UncoveredColumn> uncovered) {
        StringBuilder masked = new StringBuilder();
        List<String> unknown = new ArrayList<>();
        for (UncoveredColumn column : uncovered) {
            Optional<PiiSuggestion> suggestion = PiiDetector.suggest(column.column(), column.type());
            suggestion.ifPresentOrElse(s -> masked.append("        ").append(s.describe()).append('\n'),
                    () -> unknown.add(column.column()));
        }
        boolean newEntry = !uncovered.get(0).tableHasRules();
        StringBuilder out = new StringBuilder(newEntry
                ? "  suggested entry, to review and paste under tables:\n"
                : "  suggested rules, to review and merge into its entry under tables:\n");
        out.append("    ").append(key(table)).append(":\n");
        if (!masked.isEmpty()) {
            out.append("      columns:\n").append(masked);
        }
        if (!unknown.isEmpty()) {
            // not proposed as keep: copying a column unmasked is a decision the detector cannot make
            out.append("      # no suggestion, mask or keep: ").append(String.join(", ", unknown)).append('\n');
        }
        return out.toString();
    }

    private static String key(String table) {
        return PLAIN.matcher(table).matches() ? table : '"' + table.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
