package dev.nightshift.schedule;

import dev.nightshift.config.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.CronExpression;
import org.junit.jupiter.api.Test;

import java.text.ParseException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unix cron (schedules.yml, Kubernetes, crontab) to Quartz, Sunday numbering and daylight-saving days. */
class CronScheduleTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @CsvSource({
            "0 2 * * *,   0 0 2 * * ? *",
            "0 * * * *,   0 0 * * * ? *",
            "0 3 * * 0,   0 0 3 ? * 1 *",     // Sunday: 0 in Unix cron, 1 in Quartz
            "0 3 * * 7,   0 0 3 ? * 1 *",     // 7 is Sunday too in Unix cron
            "0 5 * * 6,   0 0 5 ? * 7 *",     // Saturday
            "30 3 * * 1-5, 0 30 3 ? * 2-6 *", // weekdays
            "15 4 1 * *,  0 15 4 1 * ? *"})
    void translatesUnixCronIntoQuartz(String unix, String quartz) {
        // given a schedule in Unix cron
        CronSchedule schedule = CronSchedule.parse(unix, BERLIN, "test");

        // then Quartz gets the same schedule in its dialect
        assertThat(schedule.quartz()).isEqualTo(quartz);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 2 * *", "61 * * * *", "0 2 * * 8", "every day", "0 0 2 * * ?"})
    void rejectsWhatIsNotFiveFieldUnixCron(String expression) {
        assertThatThrownBy(() -> CronSchedule.parse(expression, BERLIN, "jobs/schedules.yml: prod/backup"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("prod/backup")
                .hasMessageContaining(expression);
    }

    @ParameterizedTest
    @CsvSource({"0 3 * * 0", "0 3 * * 7", "30 1 * * *", "0 4 * * *", "0 5 * * 6", "*/15 6-20 * * 1-5"})
    void quartzFiresAtTheSameInstantsAsTheUnixScheduleAcrossBothDaylightSavingChanges(String unix) throws ParseException {
        // given a schedule in Europe/Berlin and the weeks around the spring and autumn changes of 2026
        CronSchedule schedule = CronSchedule.parse(unix, BERLIN, "test");
        for (ZonedDateTime start : List.of(ZonedDateTime.of(2026, 3, 24, 0, 0, 0, 0, BERLIN),
                ZonedDateTime.of(2026, 10, 20, 0, 0, 0, 0, BERLIN))) {
            // when both compute the next fire times
            List<ZonedDateTime> unixTimes = new ArrayList<>();
            List<ZonedDateTime> quartzTimes = new ArrayList<>();
            CronExpression quartz = new CronExpression(schedule.quartz());
            quartz.setTimeZone(TimeZone.getTimeZone(BERLIN));
            ZonedDateTime u = start;
            Date q = Date.from(start.toInstant());
            while (u.isBefore(start.plusDays(8))) {
                u = schedule.nextFireAfter(u).orElseThrow();
                q = quartz.getNextValidTimeAfter(q);
                unixTimes.add(u);
                quartzTimes.add(q.toInstant().atZone(BERLIN));
            }
            // then they agree on every instant, so the scheduler mode runs what the CronJob would
            assertThat(quartzTimes).as(unix + " from " + start).isEqualTo(unixTimes);
        }
    }

    @Test
    void insideTheChangedHourTheDialectsSkipTheSpringRunAndDisagreeInAutumn() throws ParseException {
        // given daily at 02:30 in Europe/Berlin: 29 March 2026 has no 02:30, 25 October 2026 has two
        CronSchedule schedule = CronSchedule.parse("30 2 * * *", BERLIN, "test");
        CronExpression quartz = new CronExpression(schedule.quartz());
        quartz.setTimeZone(TimeZone.getTimeZone(BERLIN));
        ZonedDateTime spring = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, BERLIN);
        ZonedDateTime autumn = ZonedDateTime.of(2026, 10, 24, 12, 0, 0, 0, BERLIN);

        // then both skip the spring day entirely: the next run after 28 March is on 30 March
        assertThat(schedule.nextFireAfter(spring).orElseThrow().toLocalDate()).hasToString("2026-03-30");
        assertThat(quartz.getNextValidTimeAfter(Date.from(spring.toInstant())).toInstant().atZone(BERLIN).toLocalDate())
                .hasToString("2026-03-30");
        // and in autumn cron-utils picks the first 02:30 (summer time) while Quartz picks the second: this is
        // why DaylightSavingCheck warns about such schedules and the shipped ones use UTC
        assertThat(schedule.nextFireAfter(autumn).orElseThrow().getOffset()).hasToString("+02:00");
        assertThat(quartz.getNextValidTimeAfter(Date.from(autumn.toInstant())).toInstant().atZone(BERLIN).getOffset())
                .hasToString("+01:00");
    }

    @Test
    void sundayIsSundayInBothDialects() {
        // given "Sunday at 03:00" written with 0 and with 7
        for (String unix : List.of("0 3 * * 0", "0 3 * * 7")) {
            ZonedDateTime next = CronSchedule.parse(unix, BERLIN, "test")
                    .nextFireAfter(ZonedDateTime.of(2026, 12, 2, 12, 0, 0, 0, BERLIN)).orElseThrow();
            // then the next run is Sunday 6 December 2026
            assertThat(next).isEqualTo(ZonedDateTime.of(2026, 12, 6, 3, 0, 0, 0, BERLIN));
        }
    }
}
