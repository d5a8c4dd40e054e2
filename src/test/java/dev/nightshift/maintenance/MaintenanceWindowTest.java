package dev.nightshift.maintenance;

import dev.nightshift.config.MaintenanceProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class MaintenanceWindowTest {

    @Test
    void theWindowEndsAfterItsDurationWithoutAWallClockEnd() {
        Instant start = Instant.parse("2026-11-21T02:00:00Z");

        assertThat(MaintenanceWindow.end(start, settings(Duration.ofHours(2), null, "UTC")))
                .isEqualTo(Instant.parse("2026-11-21T04:00:00Z"));
    }

    @Test
    void anEarlierWallClockEndInTheConfiguredZoneWins() {
        // 02:00 UTC is 03:00 in Berlin; the window must end at 03:30 Berlin time, 30 minutes later
        Instant start = Instant.parse("2026-11-21T02:00:00Z");

        assertThat(MaintenanceWindow.end(start, settings(Duration.ofHours(2), LocalTime.of(3, 30), "Europe/Berlin")))
                .isEqualTo(Instant.parse("2026-11-21T02:30:00Z"));
    }

    @Test
    void aWallClockEndThatHasPassedTodayMeansTomorrow() {
        // started at 23:00 with window-end 05:00: ends at 05:00 the next morning, unless the duration is shorter
        Instant start = Instant.parse("2026-11-21T23:00:00Z");

        assertThat(MaintenanceWindow.end(start, settings(Duration.ofHours(12), LocalTime.of(5, 0), "UTC")))
                .isEqualTo(Instant.parse("2026-11-22T05:00:00Z"));
        assertThat(MaintenanceWindow.end(start, settings(Duration.ofHours(1), LocalTime.of(5, 0), "UTC")))
                .isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
    }

    static MaintenanceProperties settings(Duration window, LocalTime end, String zone) {
        MaintenanceProperties d = defaults();
        return new MaintenanceProperties(d.reportDirectory(), window, end, ZoneId.of(zone), d.lockTimeout(),
                d.vacuumDeadPercent(), d.vacuumMinDeadTuples(), d.freezeAge(), d.analyzeModifiedPercent(),
                d.repackBloatPercent(), d.repackMinBytes(), d.measureMaxBytes(), d.longQuery(), d.slowQueries(),
                d.alertXidAge(), d.alertConnectionsPercent(), d.alertOnFailedVacuum(), d.alertInvalidIndexes());
    }

    /** The defaults exactly as Spring binds them from an empty configuration. */
    static MaintenanceProperties defaults() {
        return new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of()))
                .bindOrCreate("nightshift.maintenance", MaintenanceProperties.class);
    }
}
