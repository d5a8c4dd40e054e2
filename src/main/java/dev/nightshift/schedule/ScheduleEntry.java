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
 * @param fanOut      the databases a {@code fan-out: per-database} schedule runs one job each for (an Indexed
 *                    Job's pods in Kubernetes, one Quartz job each in the scheduler mode); empty: one run for all
 * @param parallelism how many of the fanned-out databases run at the same time in Kubernetes
 */
public record ScheduleEntry(String environment, String name, CronSchedule cron, List<String> args, Duration timeout,
                            List<String> fanOut, int parallelism) {

    public ScheduleEntry {
        args = List.copyOf(args);
        fanOut = List.copyOf(fanOut);
    }

    public ScheduleEntry(String environment, String name, CronSchedule cron, List<String> args, Duration timeout) {
        this(environment, name, cron, args, timeout, List.of(), 1);
    }

    public boolean fannedOut() {
        return !fanOut.isEmpty();
    }

    /**
     * What the scheduler mode schedules: a fanned-out entry becomes one entry per database ({@code backup.auth},
     * running {@code --database auth}), so that clustered instances share the databases of one fire time.
     */
    public List<ScheduleEntry> perDatabase() {
        if (!fannedOut()) {
            return List.of(this);
        }
        return fanOut.stream().map(db -> {
            List<String> one = new java.util.ArrayList<>(args);
            one.addAll(List.of("--database", db));
            return new ScheduleEntry(environment, name + "." + db, cron, one, timeout);
        }).toList();
    }

    /** {@code prod/backup}, as messages and logs name it. */
    public String id() {
        return environment + "/" + name;
    }

    /** The command line for all of a fanned-out entry's databases in one process (cron): each named with --database. */
    public List<String> argsForAllDatabases() {
        List<String> all = new java.util.ArrayList<>(args);
        fanOut.forEach(db -> all.addAll(List.of("--database", db)));
        return all;
    }

    /** The command line with the run key that makes a retried or resumed run the same run. */
    public List<String> argsWithRunKey(String runKey) {
        List<String> full = new java.util.ArrayList<>(args);
        full.add("--run-key");
        full.add(runKey);
        return full;
    }
}
