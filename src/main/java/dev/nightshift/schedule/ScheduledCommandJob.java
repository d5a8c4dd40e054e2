package dev.nightshift.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Date;
import java.util.List;

/**
 * The Quartz job behind every schedule: turns the fired trigger into the schedule's command line with its
 * run key and hands it to {@link ScheduledRuns}. Never runs twice at once for one schedule, in the whole
 * cluster ({@code @DisallowConcurrentExecution} is kept in the job store).
 */
@DisallowConcurrentExecution
public class ScheduledCommandJob implements Job {

    static final String ENTRY = "entry";
    static final String ARGS = "args";
    static final String RUN_KEY = "runKey";
    static final String RUNS = "nightshift.scheduledRuns";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledCommandJob.class);

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        String entry = data.getString(ENTRY);
        String runKey = runKey(context, data);
        Date next = context.getNextFireTime();
        if (!data.containsKey(RUN_KEY) && !context.isRecovering() && next != null && next.before(new Date())) {
            // a catch-up of several missed fire times: only the newest one runs
            LOG.info("schedule {}: skipping the run of {}, a newer one ({}) is also due", entry, runKey, RunKeys.of(next));
            runs(context.getScheduler()).skipped(entry, runKey);
            return;
        }
        List<String> args = ScheduledJobs.args(data.getString(ARGS));
        args.add("--run-key");
        args.add(runKey);
        ScheduledRuns runs = runs(context.getScheduler());
        LOG.info("schedule {}: running {}", entry, String.join(" ", args));
        int exit = runs.run(entry, args);
        LOG.info("schedule {}: run {} ended with exit code {}", entry, runKey, exit);
        if (exit != 0 && runs.shuttingDown()) {
            ScheduledJobs.resumeLater(context.getScheduler(), context.getJobDetail().getKey(), runKey);
            LOG.info("schedule {}: run {} was stopped by the shutdown; the next scheduler instance resumes it", entry, runKey);
        }
    }

    private static String runKey(JobExecutionContext context, JobDataMap data) {
        if (data.containsKey(RUN_KEY)) {
            return data.getString(RUN_KEY);   // a resume after a shutdown
        }
        if (context.isRecovering() && data.containsKey(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_FIRETIME_IN_MILLISECONDS)) {
            // the instance that ran it died: continue the same run
            return RunKeys.of(new Date(Long.parseLong(data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_FIRETIME_IN_MILLISECONDS))));
        }
        return RunKeys.of(context.getScheduledFireTime());
    }

    private static ScheduledRuns runs(Scheduler scheduler) throws JobExecutionException {
        try {
            return (ScheduledRuns) scheduler.getContext().get(RUNS);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
    }
}
