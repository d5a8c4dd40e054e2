package dev.nightshift.schedule;

import com.cronutils.model.time.ExecutionTime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds schedules that fire inside a daylight-saving change of their time zone: in spring that local time
 * does not exist, in autumn it happens twice, and Kubernetes, cron and Quartz each treat it differently (a
 * run skipped, moved, or run twice). Render and the scheduler print these as warnings.
 */
public final class DaylightSavingCheck {

    private static final int YEARS_AHEAD = 2;

    private DaylightSavingCheck() {
    }

    public static List<String> warnings(EnvironmentSchedule environment, Instant from) {
        List<String> warnings = new ArrayList<>();
        for (ScheduleEntry entry : environment.entries()) {
            warning(entry, from).ifPresent(warnings::add);
        }
        return warnings;
    }

    static java.util.Optional<String> warning(ScheduleEntry entry, Instant from) {
        ZoneRules rules = entry.cron().zone().getRules();
        Instant until = from.atZone(ZoneOffset.UTC).plusYears(YEARS_AHEAD).toInstant();
        String gap = null;
        String overlap = null;
        for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && t.getInstant().isBefore(until);
             t = rules.nextTransition(t.getInstant())) {
            LocalDateTime start = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
            LocalDateTime end = t.isGap() ? t.getDateTimeAfter() : t.getDateTimeBefore();
            if (firesBetween(entry, start, end)) {
                String when = t.getDateTimeBefore().toLocalDate() + " (" + start.toLocalTime() + "–" + end.toLocalTime() + ")";
                if (t.isGap() && gap == null) {
                    gap = when + " does not exist";
                } else if (t.isOverlap() && overlap == null) {
                    overlap = when + " happens twice";
                }
            }
        }
        if (gap == null && overlap == null) {
            return java.util.Optional.empty();
        }
        String dates = gap == null ? overlap : overlap == null ? gap : gap + ", " + overlap;
        return java.util.Optional.of(entry.id() + " (cron \"" + entry.cron().unix() + "\" in " + entry.cron().zone()
                + ") fires during a daylight-saving change: " + dates + "; Kubernetes, cron and Quartz may skip,"
                + " move or repeat that run; pick a time outside the change or use time-zone: UTC");
    }

    /** Whether the cron matches a local minute in [start, end); cron fields are matched on the local clock. */
    private static boolean firesBetween(ScheduleEntry entry, LocalDateTime start, LocalDateTime end) {
        ExecutionTime execution = entry.cron().executionTime();
        for (LocalDateTime minute = start; minute.isBefore(end); minute = minute.plusMinutes(1)) {
            if (execution.isMatch(minute.atZone(ZoneOffset.UTC))) {
                return true;
            }
        }
        return false;
    }
}
