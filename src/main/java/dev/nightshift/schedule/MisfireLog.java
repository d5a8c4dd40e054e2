package dev.nightshift.schedule;

import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Says which runs were skipped because they were missed by more than the grace. */
final class MisfireLog extends TriggerListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(MisfireLog.class);

    private final ScheduledRuns runs;
    private final Duration grace;

    MisfireLog(ScheduledRuns runs, Duration grace) {
        this.runs = runs;
        this.grace = grace;
    }

    @Override
    public String getName() {
        return "nightshift-misfires";
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        String entry = trigger.getJobKey().getGroup() + "/" + trigger.getJobKey().getName();
        String missed = trigger.getNextFireTime() == null ? "?" : RunKeys.of(trigger.getNextFireTime());
        if (!(trigger instanceof org.quartz.CronTrigger)) {
            // the resume of a stopped run: never skipped, it runs now
            LOG.info("schedule {}: resuming a stopped run, late by more than the grace; running it now", entry);
            return;
        }
        LOG.warn("schedule {}: the run of {} was missed by more than nightshift.schedule.misfire-grace ({});"
                + " skipped, the schedule continues with its next time", entry, missed, grace);
        runs.skipped(entry, missed);
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        return false;
    }
}
