package dev.nightshift.schedule;

import dev.nightshift.postgres.AdvisoryLock;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the stored jobs and triggers of an environment match jobs/schedules.yml when a scheduler starts:
 * new schedules are added, changed ones replaced, removed ones deleted, unchanged ones kept as they are (so
 * a run missed while every instance was down is still recognised as missed).
 */
public final class ScheduleSync {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleSync.class);
    private static final long LOCK_WAIT_MILLIS = 60_000;

    /** What a synchronisation changed, by entry name. */
    public record Result(List<String> added, List<String> updated, List<String> removed, List<String> unchanged) {
    }

    private ScheduleSync() {
    }

    public static Result synchronise(Scheduler scheduler, DataSource ops, String environment, List<ScheduleEntry> entries)
            throws SchedulerException {
        // two replicas starting together would otherwise both replace the same triggers
        try (AdvisoryLock ignored = lock(ops, environment)) {
            return apply(scheduler, environment, entries.stream().flatMap(e -> e.perDatabase().stream()).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock the schedules of " + environment + " in the ops database: " + e.getMessage(), e);
        }
    }

    private static Result apply(Scheduler scheduler, String environment, List<ScheduleEntry> entries) throws SchedulerException {
        Result result = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (ScheduleEntry entry : entries) {
            JobDetail detail = ScheduledJobs.detail(entry);
            CronTrigger trigger = ScheduledJobs.trigger(entry, entry.cron().quartz());
            Optional<CronTrigger> stored = stored(scheduler, trigger);
            JobDetail storedDetail = scheduler.getJobDetail(detail.getKey());
            if (stored.isPresent() && storedDetail != null && same(stored.get(), trigger, storedDetail, detail)) {
                result.unchanged().add(entry.name());
                continue;
            }
            (storedDetail == null ? result.added() : result.updated()).add(entry.name());
            scheduler.scheduleJob(detail, Set.of(trigger), true);
        }
        Set<String> defined = new java.util.HashSet<>(entries.stream().map(ScheduleEntry::name).toList());
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(environment))) {
            if (!defined.contains(key.getName())) {
                scheduler.deleteJob(key);
                result.removed().add(key.getName());
            }
        }
        LOG.info("schedules of {}: added {}, updated {}, removed {}, unchanged {}", environment, result.added(),
                result.updated(), result.removed(), result.unchanged());
        return result;
    }

    private static Optional<CronTrigger> stored(Scheduler scheduler, Trigger trigger) throws SchedulerException {
        return scheduler.getTrigger(trigger.getKey()) instanceof CronTrigger cron ? Optional.of(cron) : Optional.empty();
    }

    private static boolean same(CronTrigger stored, CronTrigger wanted, JobDetail storedDetail, JobDetail detail) {
        return stored.getCronExpression().equals(wanted.getCronExpression())
                && stored.getTimeZone().getID().equals(wanted.getTimeZone().getID())
                && stored.getMisfireInstruction() == wanted.getMisfireInstruction()
                && storedDetail.getJobDataMap().equals(detail.getJobDataMap())
                && storedDetail.getJobClass().equals(detail.getJobClass());
    }

    private static AdvisoryLock lock(DataSource ops, String environment) throws SQLException {
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
        while (true) {
            Optional<AdvisoryLock> lock = AdvisoryLock.tryAcquire(ops, "schedule-sync:" + environment, "nightshift scheduler");
            if (lock.isPresent()) {
                return lock.get();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new SQLException("another scheduler instance has been synchronising the schedules of "
                        + environment + " for over a minute");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the schedule lock", e);
            }
        }
    }
}
