package dev.nightshift.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import dev.nightshift.config.ScheduleProperties;
import dev.nightshift.schedule.ClusteredScheduler;
import dev.nightshift.schedule.ScheduledRuns;
import org.quartz.JobKey;
import org.quartz.Scheduler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A member of a fixture's scheduler cluster that never runs anything: it fires a schedule now, as any member could. */
public final class ScheduleClient {

    private ScheduleClient() {
    }

    /** Fires {@code entry} of {@code environment} now, through the job store in the fixture's ops database. */
    public static void fireNow(NightshiftFixture nightshift, String environment, String entry) throws Exception {
        TestPostgres pg = nightshift.pg();
        try (HikariDataSource ops = new HikariDataSource()) {
            ops.setJdbcUrl(pg.jdbcUrl(nightshift.opsDatabase()));
            ops.setUsername(pg.user());
            ops.setPassword(pg.password());
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
