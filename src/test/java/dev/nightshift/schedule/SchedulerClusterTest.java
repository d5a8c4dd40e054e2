package dev.nightshift.schedule;

import com.zaxxer.hikari.HikariDataSource;
import dev.nightshift.config.ScheduleProperties;
import dev.nightshift.testsupport.NightshiftFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two scheduler instances on one ops database (two clustered Quartz schedulers in this JVM, with distinct
 * instance ids on the same job store), with fast Quartz cron expressions and runs that only record
 * themselves: each fire time runs once in the cluster, a schedule never overlaps itself, missed runs are
 * skipped or caught up once depending on the grace, and the stored triggers follow schedules.yml.
 */
class SchedulerClusterTest {

    static final String EVERY_SECOND = "* * * * * ?";

    static NightshiftFixture nightshift;
    static HikariDataSource ops;
    final List<Scheduler> schedulers = new ArrayList<>();
    final List<RecordingRuns.Run> runs = RecordingRuns.runList();
    final List<RecordingRuns.Skip> skips = RecordingRuns.skipList();

    @BeforeAll
    static void migratedOpsDatabase() {
        nightshift = NightshiftFixture.builder()
                .environment("dev", new NightshiftFixture.Environment().database("app", "unused")).build();
        // any command migrates the ops schema, Quartz's tables included
        assertThat(nightshift.cli("jobs", "list").exitCode()).isZero();
        ops = new HikariDataSource();
        ops.setJdbcUrl(nightshift.pg().jdbcUrl(nightshift.opsDatabase()));
        ops.setUsername(nightshift.pg().user());
        ops.setPassword(nightshift.pg().password());
        ops.setMaximumPoolSize(8);
    }

    @AfterAll
    static void dropOpsDatabase() {
        if (ops != null) {
            ops.close();
        }
        nightshift.close();
    }

    @AfterEach
    void shutdownAndForgetTheSchedules() throws SchedulerException {
        for (Scheduler scheduler : schedulers) {
            scheduler.shutdown(true);
        }
        for (String table : List.of("fired_triggers", "cron_triggers", "simple_triggers", "simprop_triggers",
                "blob_triggers", "triggers", "job_details", "scheduler_state", "paused_trigger_grps", "calendars")) {
            nightshift.pg().execute(nightshift.opsDatabase(), "DELETE FROM nightshift.qrtz_" + table);
        }
    }

    Scheduler instance(String id, Duration grace, long millisPerRun) {
        ScheduleProperties settings = new ScheduleProperties(Path.of("unused"), grace, 4, Duration.ofSeconds(1), null, "nightshift");
        Scheduler scheduler = ClusteredScheduler.create(ops, "dev", id, settings,
                new RecordingRuns(id, runs, skips, millisPerRun));
        schedulers.add(scheduler);
        return scheduler;
    }

    static ScheduleEntry entry(String name) {
        return new ScheduleEntry("dev", name, CronSchedule.parse("0 0 1 1 *", ZoneId.of("UTC"), name),
                List.of("backup", "--env", "dev"), Duration.ofHours(1));
    }

    static void scheduleFast(Scheduler scheduler, ScheduleEntry entry, String quartzCron) throws SchedulerException {
        scheduler.scheduleJob(ScheduledJobs.detail(entry), java.util.Set.of(ScheduledJobs.trigger(entry, quartzCron)), true);
    }

    @Test
    void eachFireTimeRunsOnExactlyOneOfTwoInstances() throws Exception {
        // given two instances and two schedules firing every second
        Scheduler a = instance("a", Duration.ofMinutes(1), 0);
        Scheduler b = instance("b", Duration.ofMinutes(1), 0);
        scheduleFast(a, entry("backup"), EVERY_SECOND);
        scheduleFast(a, entry("maintain"), EVERY_SECOND);

        // when both run for a few seconds
        a.start();
        b.start();
        Thread.sleep(6000);
        a.standby();
        b.standby();
        Thread.sleep(500);

        // then every (schedule, fire time) ran exactly once, with the fire time as its run key
        Map<String, Long> perFireTime = runs.stream()
                .collect(Collectors.groupingBy(r -> r.entry() + "@" + r.runKey(), Collectors.counting()));
        assertThat(perFireTime).as(runs.toString()).isNotEmpty().allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(runs).extracting(RecordingRuns.Run::entry).contains("dev/backup", "dev/maintain");
        assertThat(runs.stream().filter(r -> r.entry().equals("dev/backup")).count()).isGreaterThanOrEqualTo(3);
        assertThat(runs).allSatisfy(r -> assertThat(r.runKey()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }

    @Test
    void aFannedOutScheduleRunsEachDatabaseOncePerFireTimeAcrossTwoInstances() throws Exception {
        // given a per-database schedule of three databases, stored the way the scheduler mode stores it
        Scheduler a = instance("a", Duration.ofMinutes(1), 0);
        Scheduler b = instance("b", Duration.ofMinutes(1), 0);
        ScheduleEntry fanned = new ScheduleEntry("dev", "test-restore", CronSchedule.parse("0 5 * * 6", ZoneId.of("UTC"), "x"),
                List.of("backups", "test-restore", "--env", "dev"), Duration.ofHours(1), List.of("auth", "user", "crm"), 2);
        for (ScheduleEntry one : fanned.perDatabase()) {
            scheduleFast(a, one, EVERY_SECOND);
        }

        // when both instances run for a few seconds
        a.start();
        b.start();
        Thread.sleep(5000);
        a.standby();
        b.standby();
        Thread.sleep(500);

        // then each database ran once per fire time, with --database naming it, and no fire time missed one
        Map<String, Long> perFireTime = runs.stream()
                .collect(Collectors.groupingBy(r -> r.entry() + "@" + r.runKey(), Collectors.counting()));
        assertThat(perFireTime).as(runs.toString()).isNotEmpty().allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(runs).extracting(RecordingRuns.Run::entry).contains("dev/test-restore.auth", "dev/test-restore.user",
                "dev/test-restore.crm");
        Map<String, Long> databasesPerFireTime = runs.stream().collect(Collectors.groupingBy(RecordingRuns.Run::runKey, Collectors.counting()));
        long complete = databasesPerFireTime.values().stream().filter(n -> n == 3).count();
        assertThat(complete).as("fire times at which all three databases ran: " + databasesPerFireTime).isGreaterThanOrEqualTo(2);
        assertThat(fanned.perDatabase()).extracting(ScheduleEntry::args)
                .containsExactly(List.of("backups", "test-restore", "--env", "dev", "--database", "auth"),
                        List.of("backups", "test-restore", "--env", "dev", "--database", "user"),
                        List.of("backups", "test-restore", "--env", "dev", "--database", "crm"));
    }

    @Test
    void aScheduleNeverOverlapsItselfAcrossInstances() throws Exception {
        // given runs that take 1.5 s on a schedule firing every second, on two instances
        Scheduler a = instance("a", Duration.ofMinutes(1), 1500);
        Scheduler b = instance("b", Duration.ofMinutes(1), 1500);
        scheduleFast(a, entry("backup"), EVERY_SECOND);

        // when both run for a while
        a.start();
        b.start();
        Thread.sleep(7000);
        a.standby();
        b.standby();
        Thread.sleep(2000);

        // then runs follow each other without overlapping, whichever instance ran them
        List<RecordingRuns.Run> sorted = runs.stream().sorted(Comparator.comparing(RecordingRuns.Run::start)).toList();
        assertThat(sorted).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).start()).as("run %d starts after run %d ended: %s", i, i - 1, sorted)
                    .isAfterOrEqualTo(sorted.get(i - 1).end());
        }
    }

    @Test
    void runsMissedByMoreThanTheGraceAreSkippedAndLogged() throws Exception {
        // given a schedule every 2 s whose last 5 s passed while no instance ran
        Scheduler b = instance("b", Duration.ofSeconds(1), 0);
        scheduleMissed(b, Duration.ofSeconds(5));

        // when an instance starts, with a grace of 1 s
        b.start();
        awaitRunOf("b");

        // then none of the missed runs ran late, they were reported as skipped, and the schedule went on
        assertThat(lateRunsOf("b")).as(runs.toString()).isEmpty();
        assertThat(skips).as("skipped runs").isNotEmpty();
    }

    @Test
    void runsMissedByLessThanTheGraceRunOnceNotOncePerMissedTime() throws Exception {
        // given a schedule every 6 s whose last three fire times passed while no instance ran, grace 60 s
        Scheduler b = instance("b", Duration.ofSeconds(60), 0);
        ScheduleEntry entry = entry("backup");
        CronTrigger trigger = ScheduledJobs.trigger(entry, "0/6 * * * * ?").getTriggerBuilder()
                .startAt(java.util.Date.from(Instant.now().minusSeconds(20))).build();
        b.scheduleJob(ScheduledJobs.detail(entry), java.util.Set.of(trigger), true);

        // when an instance starts half-way between two fire times (so "the newest missed" is unambiguous)
        while (Instant.now().getEpochSecond() % 6 != 3) {
            Thread.sleep(50);
        }
        Instant started = Instant.now();
        b.start();
        awaitRunOf("b");
        Thread.sleep(1000);

        // then exactly one of the missed fire times ran (the newest, late); the older ones were skipped
        List<RecordingRuns.Run> missed = runs.stream().filter(r -> Instant.parse(r.runKey()).isBefore(started)).toList();
        assertThat(missed).as(runs.toString()).hasSize(1);
        assertThat(Duration.between(Instant.parse(missed.get(0).runKey()), started)).isLessThan(Duration.ofSeconds(6));
        assertThat(skips).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void synchronisingAddsUpdatesRemovesAndKeepsUnchangedTriggers() throws Exception {
        // given the stored schedules of a first start
        Scheduler scheduler = instance("a", Duration.ofMinutes(10), 0);
        ScheduleEntry backup = new ScheduleEntry("dev", "backup", CronSchedule.parse("0 2 * * *", ZoneId.of("UTC"), "x"),
                List.of("backup", "--env", "dev"), Duration.ofHours(1));
        ScheduleEntry maintain = new ScheduleEntry("dev", "maintain", CronSchedule.parse("0 1 * * *", ZoneId.of("UTC"), "x"),
                List.of("maintain", "--env", "dev"), Duration.ofHours(1));
        ScheduleEntry check = new ScheduleEntry("dev", "backup-check", CronSchedule.parse("0 4 * * *", ZoneId.of("UTC"), "x"),
                List.of("backups", "check", "--env", "dev"), Duration.ofHours(1));
        ScheduleSync.synchronise(scheduler, ops, "dev", List.of(backup, maintain));

        // when schedules.yml changed: backup moved to 03:00, maintain removed, backup-check added
        ScheduleEntry moved = new ScheduleEntry("dev", "backup", CronSchedule.parse("0 3 * * 0", ZoneId.of("UTC"), "x"),
                List.of("backup", "--env", "dev"), Duration.ofHours(1));
        ScheduleSync.Result result = ScheduleSync.synchronise(scheduler, ops, "dev", List.of(moved, check));

        // then the stored triggers follow it
        assertThat(result.updated()).containsExactly("backup");
        assertThat(result.removed()).containsExactly("maintain");
        assertThat(result.added()).containsExactly("backup-check");
        CronTrigger stored = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("backup", "dev"));
        assertThat(stored.getCronExpression()).isEqualTo("0 0 3 ? * 1 *");
        assertThat(scheduler.checkExists(org.quartz.JobKey.jobKey("maintain", "dev"))).isFalse();

        // and a third start with no change keeps every trigger as it is
        ScheduleSync.Result again = ScheduleSync.synchronise(scheduler, ops, "dev", List.of(moved, check));
        assertThat(again.unchanged()).containsExactlyInAnyOrder("backup", "backup-check");
        assertThat(again.added()).isEmpty();
        assertThat(again.updated()).isEmpty();
    }

    /**
     * Stores a schedule every 2 s whose trigger started {@code ago}: its next fire time is in the past, as
     * after an outage of every instance (the trigger is stored while the scheduler is still in standby).
     */
    private static void scheduleMissed(Scheduler scheduler, Duration ago) throws SchedulerException {
        ScheduleEntry entry = entry("backup");
        CronTrigger trigger = ScheduledJobs.trigger(entry, "0/2 * * * * ?").getTriggerBuilder()
                .startAt(java.util.Date.from(Instant.now().minus(ago))).build();
        scheduler.scheduleJob(ScheduledJobs.detail(entry), java.util.Set.of(trigger), true);
    }

    /** Waits for a run on {@code instance}. */
    private void awaitRunOf(String instance) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (runs.stream().noneMatch(r -> r.instance().equals(instance)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(runs).as("a run on " + instance).anyMatch(r -> r.instance().equals(instance));
    }

    /** Runs that started more than 1.5 s after their fire time: catch-ups of missed times. */
    private List<RecordingRuns.Run> lateRunsOf(String instance) {
        return runs.stream().filter(r -> r.instance().equals(instance))
                .filter(r -> Duration.between(Instant.parse(r.runKey()), r.start()).toMillis() > 1500).toList();
    }
}
