package dev.nightshift.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Schedules that fire in the hour a daylight-saving change skips or repeats are reported with the dates. */
class DaylightSavingCheckTest {

    static final Instant DECEMBER_2026 = Instant.parse("2026-12-02T12:00:00Z");

    static ScheduleEntry entry(String cron, String zone) {
        return new ScheduleEntry("staging", "backup", CronSchedule.parse(cron, ZoneId.of(zone), "test"),
                List.of("backup", "--env", "staging"), Duration.ofHours(1));
    }

    @Test
    void dailyAtTwoInBerlinHitsBothChanges() {
        // given 02:00 daily in Europe/Berlin (02:00-03:00 is skipped on 28 March 2027, repeated on 31 October 2027)
        var warning = DaylightSavingCheck.warning(entry("0 2 * * *", "Europe/Berlin"), DECEMBER_2026);

        // then both dates are named
        assertThat(warning).hasValueSatisfying(w -> assertThat(w)
                .contains("staging/backup", "2027-03-28 (02:00–03:00) does not exist", "2027-10-31 (02:00–03:00) happens twice"));
    }

    @Test
    void sundayOnlyScheduleIsCheckedOnTheSundaysOfTheChanges() {
        // given Sunday 02:30 (changes in the EU happen on Sundays) and Saturday 02:30
        assertThat(DaylightSavingCheck.warning(entry("30 2 * * 0", "Europe/Berlin"), DECEMBER_2026)).isPresent();
        assertThat(DaylightSavingCheck.warning(entry("30 2 * * 7", "Europe/Berlin"), DECEMBER_2026)).isPresent();
        assertThat(DaylightSavingCheck.warning(entry("30 2 * * 6", "Europe/Berlin"), DECEMBER_2026)).isEmpty();
    }

    @Test
    void timesOutsideTheChangeAndUtcAreFine() {
        assertThat(DaylightSavingCheck.warning(entry("0 4 * * *", "Europe/Berlin"), DECEMBER_2026)).isEmpty();
        assertThat(DaylightSavingCheck.warning(entry("0 2 * * *", "UTC"), DECEMBER_2026)).isEmpty();
        // New York skips 02:00-03:00 in March but repeats 01:00-02:00 in November
        assertThat(DaylightSavingCheck.warning(entry("0 2 * * *", "America/New_York"), DECEMBER_2026))
                .hasValueSatisfying(w -> assertThat(w).contains("2027-03-14").doesNotContain("2027-11-07"));
        assertThat(DaylightSavingCheck.warning(entry("30 1 * * *", "America/New_York"), DECEMBER_2026))
                .hasValueSatisfying(w -> assertThat(w).contains("2027-11-07 (01:00–02:00) happens twice"));
    }

    @Test
    void theShippedSchedulesHaveNoDaylightSavingSurprises() {
        Schedules schedules = SchedulesLoader.load(java.nio.file.Path.of("jobs/schedules.yml"));
        schedules.environments().values().forEach(env ->
                assertThat(DaylightSavingCheck.warnings(env, DECEMBER_2026)).as(env.name()).isEmpty());
    }
}
