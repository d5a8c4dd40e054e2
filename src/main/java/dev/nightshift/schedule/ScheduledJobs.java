package dev.nightshift.schedule;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;

/** The Quartz job and trigger of a schedule entry; job group = environment, job name = entry name. */
public final class ScheduledJobs {

    private static final String SEPARATOR = "\n";

    private ScheduledJobs() {
    }

    public static JobKey key(ScheduleEntry entry) {
        return JobKey.jobKey(entry.name(), entry.environment());
    }

    public static JobDetail detail(ScheduleEntry entry) {
        return JobBuilder.newJob(ScheduledCommandJob.class)
                .withIdentity(key(entry))
                .withDescription(String.join(" ", entry.args()))
                .usingJobData(ScheduledCommandJob.ENTRY, entry.id())
                .usingJobData(ScheduledCommandJob.ARGS, String.join(SEPARATOR, entry.args()))
                .storeDurably()
                // when the instance running it dies, another instance runs it again (same run key)
                .requestRecovery()
                .build();
    }

    /** The entry's cron trigger; {@code quartzCron} is its Quartz expression (tests use faster ones). */
    public static CronTrigger trigger(ScheduleEntry entry, String quartzCron) {
        return TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(entry.name(), entry.environment()))
                .forJob(key(entry))
                .withSchedule(CronScheduleBuilder.cronSchedule(quartzCron)
                        .inTimeZone(TimeZone.getTimeZone(entry.cron().zone()))
                        // missed by more than the grace (misfireThreshold): skip it, MisfireLog says so
                        .withMisfireHandlingInstructionDoNothing())
                .build();
    }

    static List<String> args(String joined) {
        return new ArrayList<>(Arrays.asList(joined.split(SEPARATOR)));
    }

    /** A one-shot trigger that runs the same run again as soon as an instance is up; never skipped as missed. */
    static void resumeLater(Scheduler scheduler, JobKey job, String runKey) {
        Trigger resume = TriggerBuilder.newTrigger()
                .withIdentity("resume " + runKey, job.getGroup() + "/" + job.getName())
                .forJob(job)
                .usingJobData(ScheduledCommandJob.RUN_KEY, runKey)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            if (!scheduler.checkExists(resume.getKey())) {
                scheduler.scheduleJob(resume);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot record the resume of " + job + " run " + runKey
                    + " in the ops database; resume it with nightshift jobs restart", e);
        }
    }
}
