package dev.nightshift.migration.schema;

import java.util.List;

/**
 * {@code migrate-schema rehearse} for one database.
 *
 * @param target          the live database whose pending versions were rehearsed
 * @param backup          the backup restored: {@code #id (artifact, taken at ...)}
 * @param scratchDatabase where it was restored (dropped again)
 * @param startVersions   the schema version of the restored copy and of the live database; when they differ, the
 *                        backup predates a migration and the rehearsal replays that one too
 * @param thresholdMillis statements keeping writes blocked longer than this are flagged
 * @param versions        one entry per version rehearsed, in order
 */
public record RehearsalReport(String target, String backup, String scratchDatabase, String startVersions, long thresholdMillis,
                              List<VersionResult> versions) {

    /** 0 every version applied, undid to the same schema and applied again; 1 otherwise. */
    public int exitCode() {
        return versions.stream().anyMatch(VersionResult::failed) ? 1 : 0;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Schema migration rehearsal: ").append(target).append("\n\n")
                .append("Restored backup ").append(backup).append(" into `").append(scratchDatabase).append("` (dropped afterwards).")
                .append(" Schema version ").append(startVersions).append('.')
                .append(" Statements that keep writes blocked longer than ").append(thresholdMillis).append(" ms are flagged.\n");
        if (versions.isEmpty()) {
            md.append("\nNothing pending.\n");
        }
        for (VersionResult v : versions) {
            md.append("\n## V").append(v.version()).append(" ").append(v.description())
                    .append(v.transactional() ? " (one transaction)" : " (no transaction: each statement on its own)").append("\n\n")
                    .append("| # | statement | ms | locks | rewrite | writes blocked ms | flag |\n|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < v.statements().size(); i++) {
                StatementResult s = v.statements().get(i);
                md.append("| ").append(i + 1).append(" | `").append(oneLine(s.sql())).append("` | ").append(s.millis()).append(" | ")
                        .append(s.locks().isEmpty() ? "none" : String.join(", ", s.locks().entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue()).toList()))
                        .append(" | ").append(s.rewritten().isEmpty() ? "no" : "yes: " + String.join(", ", s.rewritten()))
                        .append(" | ").append(s.writesBlockedMillis()).append(" | ")
                        .append(s.flagged() ? "BLOCKS WRITES; safer: " + s.saferForm() : "").append(" |\n");
            }
            md.append("\nUndo: ").append(switch (v.undo()) {
                case "restored" -> "restored the schema exactly; applied again afterwards";
                case "missing" -> "none (irreversible: no undo script)";
                case "differs" -> "DID NOT restore the schema";
                default -> "not run";
            }).append('\n');
            if (!v.schemaDifference().isEmpty()) {
                md.append("\n```diff\n").append(String.join("\n", v.schemaDifference())).append("\n```\n");
            }
            if (v.error() != null) {
                md.append("\nFailed: ").append(v.error()).append('\n');
            }
        }
        return md.toString();
    }

    private static String oneLine(String sql) {
        String line = sql.replaceAll("\\s+", " ").strip().replace("|", "\\|").replace("`", "'");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
