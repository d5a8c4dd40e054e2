package dev.nightshift.maintenance;

import dev.nightshift.config.MaintenanceProperties;

import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * When the runner stops starting tables: {@code window} after the run started, or earlier at the next
 * {@code window-end} wall-clock time. A table already being vacuumed is finished, not interrupted.
 */
final class MaintenanceWindow {

    private MaintenanceWindow() {
    }

    static Instant end(Instant start, MaintenanceProperties settings) {
        Instant byDuration = start.plus(settings.window());
        if (settings.windowEnd() == null) {
            return byDuration;
        }
        ZonedDateTime local = start.atZone(settings.timeZone());
        ZonedDateTime end = local.with(settings.windowEnd());
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant().isBefore(byDuration) ? end.toInstant() : byDuration;
    }
}
