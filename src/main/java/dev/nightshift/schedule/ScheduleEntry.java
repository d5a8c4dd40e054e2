package dev.nightshift.schedule;

import java.time.Duration;
import java.util.List;

/**
 * One scheduled command of one environment.
 *
 * @param environment the environment whose schedule it belongs to
 * @param name        unique within the environment; names the CronJob, the Quartz job and the crontab line
 * @param cron        when, in the environment's time zone
 * @param args        the Nightshift command line it runs, without {@code --config} and {@code --run-key}
 *                    (added by whoever launches it)
 * @param timeout     how long a run may take before Kubernetes ends its pod (activeDeadlineSeconds)
 */
public record ScheduleEntry(String environment, String name, CronSchedule cron, List<String> args, Duration timeout) {

    public ScheduleEntry {
        args = List.copyOf(args);
    }

    /** {@code prod/backup}, as messages and logs name it. */
    public String id() {
        return environment + "/" + name;
    }

    /** The command line with the run key that makes a retried or resumed run the same run. */
    public List<String> argsWithRunKey(String runKey) {
        List<String> full = new java.util.ArrayList<>(args);
        full.add("--run-key");
        full.add(runKey);
        return full;
    }
}
