package dev.nightshift.backup;

import dev.nightshift.config.RetentionProperties;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which backups of one environment and database survive a prune: grandfather-father-son over the
 * verified backups, with restic's bucket semantics. A bucket (hour, day, ISO week, month) only uses up one
 * of a rule's slots if it holds a verified backup, so failed runs make a rule reach further back instead of
 * leaving fewer backups behind.
 */
final class RetentionPolicy {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");
    private static final String PROPERTY_PREFIX = "nightshift.backup.retention.";

    private final RetentionProperties rules;
    private final ZoneId zone;

    /** @param zone where hours, days, weeks and months begin; a backup at 23:30 UTC is "tomorrow" in Berlin */
    RetentionPolicy(RetentionProperties rules, ZoneId zone) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.zone = Objects.requireNonNull(zone, "zone");
        requireNotNegative("keep-last", rules.keepLast());
        requireNotNegative("hourly", rules.hourly());
        requireNotNegative("daily", rules.daily());
        requireNotNegative("weekly", rules.weekly());
        requireNotNegative("monthly", rules.monthly());
    }

    private static void requireNotNegative(String property, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(PROPERTY_PREFIX + property + " must be 0 or more, was " + value);
        }
    }

    RetentionPlan plan(Collection<RetentionCandidate> backups) {
        List<RetentionCandidate> newestFirst = backups.stream().sorted(RetentionCandidate.NEWEST_FIRST).toList();
        List<RetentionCandidate> verified = newestFirst.stream().filter(RetentionCandidate::verified).toList();
        Map<RetentionCandidate, List<String>> reasons = new HashMap<>();
        if (verified.isEmpty()) {
            // a failed artifact may still be partly restorable; deleting it would leave nothing at all
            newestFirst.forEach(backup -> keep(reasons, backup, "no verified backup exists, nothing is deleted"));
        } else {
            // whatever the rules say, a prune never takes away the last good restore point
            keep(reasons, verified.get(0), "newest verified");
            for (int i = 0; i < Math.min(rules.keepLast(), verified.size()); i++) {
                keep(reasons, verified.get(i), "keep-last " + (i + 1) + "/" + rules.keepLast());
            }
            keepNewestPerBucket(verified, "hourly", rules.hourly(), this::hour, reasons);
            keepNewestPerBucket(verified, "daily", rules.daily(), t -> t.toLocalDate().toString(), reasons);
            keepNewestPerBucket(verified, "weekly", rules.weekly(), RetentionPolicy::isoWeek, reasons);
            keepNewestPerBucket(verified, "monthly", rules.monthly(), t -> YearMonth.from(t).toString(), reasons);
        }
        Map<RetentionCandidate, List<String>> keep = new LinkedHashMap<>();
        List<RetentionCandidate> delete = new ArrayList<>();
        for (RetentionCandidate backup : newestFirst) {
            List<String> why = reasons.get(backup);
            if (why == null) {
                delete.add(backup);
            } else {
                keep.put(backup, why);
            }
        }
        return new RetentionPlan(keep, delete);
    }

    /**
     * Walking newest first makes the first backup seen in a bucket its newest one, and stops once
     * {@code slots} distinct buckets are covered; empty buckets are never seen, so they cost nothing.
     */
    private void keepNewestPerBucket(List<RetentionCandidate> verifiedNewestFirst, String rule, int slots,
                                     Function<ZonedDateTime, String> bucketOf,
                                     Map<RetentionCandidate, List<String>> reasons) {
        Set<String> covered = new HashSet<>();
        for (RetentionCandidate backup : verifiedNewestFirst) {
            if (covered.size() >= slots) {
                return;
            }
            String bucket = bucketOf.apply(backup.startedAt().atZone(zone));
            if (covered.add(bucket)) {
                keep(reasons, backup, rule + " " + bucket);
            }
        }
    }

    private String hour(ZonedDateTime time) {
        String hour = HOUR.format(time);
        // when the clocks go back the same wall-clock hour happens twice: two real hours, two buckets
        boolean ambiguous = zone.getRules().getValidOffsets(time.toLocalDateTime()).size() > 1;
        return ambiguous ? hour + time.getOffset() : hour;
    }

    // the week-based year, not the calendar year: 2027-01-01 belongs to 2026-W53
    private static String isoWeek(ZonedDateTime time) {
        return String.format("%d-W%02d", time.get(IsoFields.WEEK_BASED_YEAR), time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static void keep(Map<RetentionCandidate, List<String>> reasons, RetentionCandidate backup, String reason) {
        reasons.computeIfAbsent(backup, b -> new ArrayList<>()).add(reason);
    }
}
