package dev.nightshift.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import dev.nightshift.config.ScheduleProperties;
import dev.nightshift.schedule.ClusteredScheduler;
import dev.nightshift.schedule.ScheduledRuns;
import org.quartz.JobKey;
import org.quartz.Scheduler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A schedule for a fixture, and a member of its scheduler cluster that never runs anything but fires a schedule now. */
public final class ScheduleClient {

    private ScheduleClient() {
    }

    /**
     * Writes {home}/schedules.yml with one schedule, {@code dev/backup}, once a year: a test fires it when it wants
     * to, through the cluster's job store (see {@link #fireNow}).
     */
    public static void writeYearlyBackupSchedule(NightshiftFixture nightshift) throws IOException {
        Files.writeString(nightshift.home().resolve("schedules.yml"), """
                image: nightshift:test
                environments:
                  dev:
                    time-zone: UTC
                    schedules:
                      - {name: backup, cron: "0 0 1 1 *", args: [backup, --env, dev]}
                """);
    }

    /** Fires {@code entry} of {@code environment} now, through the job store in the fixture's ops database. */
    public static void fireNow(NightshiftFixture nightshift, String environment, String entry) throws Exception {
        TestPostgres pg = nightshift.pg();
        fireNow(pg.jdbcUrl(nightshift.opsDatabase()), pg.user(), pg.password(), environment, entry);
    }

    /** The same, through the job store in an ops database elsewhere (on a server of a test's own). */
    public static void fireNow(String opsUrl, String user, String password, String environment, String entry) throws Exception {
        try (HikariDataSource ops = new HikariDataSource()) {
            ops.setJdbcUrl(opsUrl);
            ops.setUsername(user);
            ops.setPassword(password);
            Scheduler client = ClusteredScheduler.create(ops, environment, "test-client",
                    new ScheduleProperties(Path.of("unused"), Duration.ofMinutes(10), 1, Duration.ofSeconds(1), null, "x"),
                    new ScheduledRuns() {
                        @Override
                        public int run(String fired, List<String> args) {
                            throw new IllegalStateException("the test's client never runs schedules");
                        }

                        @Override
                        public boolean shuttingDown() {
                            return false;
                        }
                    });
            client.triggerJob(JobKey.jobKey(entry, environment));
            client.shutdown(false);
        }
    }
}
