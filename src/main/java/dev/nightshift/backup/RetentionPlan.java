package dev.nightshift.backup;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a prune does to one environment and database.
 *
 * @param keep   every kept backup, newest first, with each reason it is kept, in rule order
 * @param delete every other backup, newest first
 */
record RetentionPlan(Map<RetentionCandidate, List<String>> keep, List<RetentionCandidate> delete) {

    // one fixed zone for the report, whatever zone the buckets use: lines stay comparable across hosts
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    RetentionPlan {
        Map<RetentionCandidate, List<String>> kept = new LinkedHashMap<>();
        keep.forEach((backup, reasons) -> kept.put(backup, List.copyOf(reasons)));
        keep = Collections.unmodifiableMap(kept);
        delete = List.copyOf(delete);
    }

    /** The report of {@code nightshift prune --dry-run}: one line per backup, newest first. */
    String describe() {
        List<RetentionCandidate> all = all().toList();
        if (all.isEmpty()) {
            return "no backups\n";
        }
        // pad the ids so the timestamps line up however many digits the catalog has reached
        int idWidth = all.stream().mapToInt(b -> Long.toString(b.id()).length() + 1).max().getAsInt();
        StringBuilder report = new StringBuilder();
        for (RetentionCandidate backup : all) {
            List<String> reasons = keep.get(backup);
            report.append(String.format("%-6s %-" + idWidth + "s  %s  %s",
                            reasons == null ? "delete" : "keep",
                            "#" + backup.id(),
                            STARTED.format(backup.startedAt()),
                            reasons == null ? whyDeleted(backup) : String.join(", ", reasons)))
                    .append('\n');
        }
        return report.toString();
    }

    private static String whyDeleted(RetentionCandidate backup) {
        return backup.verified() ? "verified, no rule keeps it" : "unverified";
    }

    /** All backups the plan covers, newest first. */
    Stream<RetentionCandidate> all() {
        return Stream.concat(keep.keySet().stream(), delete.stream()).sorted(RetentionCandidate.NEWEST_FIRST);
    }
}
