package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.Targets;
import dev.nightshift.schedule.ClusteredScheduler;
import dev.nightshift.schedule.DaylightSavingCheck;
import dev.nightshift.schedule.EnvironmentSchedule;
import dev.nightshift.schedule.ScheduleEntry;
import dev.nightshift.schedule.ScheduleSync;
import dev.nightshift.schedule.SchedulerState;
import dev.nightshift.schedule.SchedulesLoader;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = {"Run the schedules of an environment (jobs/schedules.yml) until stopped: Quartz, clustered over the"
                + " ops database, so several replicas run each scheduled time exactly once.",
                "Serves /actuator/health (503 when the scheduler or a database of the environment is down) and"
                        + " /actuator/prometheus on server.port (8080). SIGTERM stops running jobs cleanly; the next"
                        + " instance resumes them."},
        footer = {"", "Examples:",
                "  nightshift --config prod.yml scheduler --env prod",
                "  curl -s localhost:8080/actuator/health",
                "Settings: nightshift.schedule.file, .misfire-grace (10m), .threads (4), .cluster-checkin (7.5s)."})
class SchedulerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerCommand.class);

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment whose schedules to run.")
    String environment;

    SchedulerCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        context.webServer();
        NightshiftProperties properties = context.bean(NightshiftProperties.class);
        SchedulerState state = context.bean(SchedulerState.class);
        state.starting(environment);
        context.bean(Targets.class).environment(environment);
        EnvironmentSchedule schedule = SchedulesLoader.load(properties.schedule().file()).environment(environment);
        List<ScheduleEntry> entries = runnable(schedule);
        DaylightSavingCheck.warnings(schedule, Instant.now()).forEach(LOG::warn);
        DataSource ops = context.bean(DataSource.class);
        Scheduler scheduler = ClusteredScheduler.create(ops, environment, "AUTO", properties.schedule(),
                new InProcessRuns(context));
        ScheduleSync.synchronise(scheduler, ops, environment, entries);
        CountDownLatch stopped = new CountDownLatch(1);
        context.onShutdown(() -> standby(scheduler), () -> {
            shutdown(scheduler);
            stopped.countDown();
        });
        scheduler.start();
        state.register(scheduler, environment, entries.size());
        spec.commandLine().getOut().println("nightshift: scheduler of " + environment + " started (instance "
                + scheduler.getSchedulerInstanceId() + ", " + entries.size() + " schedules); stop it with SIGTERM");
        stopped.await();
        return ExitCodes.OK;
    }

    /** Entries this build can run; one it cannot is logged and left out rather than failing every night. */
    private List<ScheduleEntry> runnable(EnvironmentSchedule schedule) {
        List<ScheduleEntry> runnable = new ArrayList<>();
        for (ScheduleEntry entry : schedule.entries()) {
            var error = NightshiftCli.parseError(entry.argsWithRunKey("K"));
            if (error.isPresent()) {
                LOG.error("schedule {} is not scheduled: {} is not a command line of this version ({})",
                        entry.id(), entry.args(), error.get());
            } else {
                runnable.add(entry);
            }
        }
        if (runnable.isEmpty()) {
            throw new ConfigurationException("no runnable schedule for " + schedule.name() + " in jobs/schedules.yml");
        }
        return runnable;
    }

    private static void standby(Scheduler scheduler) {
        try {
            scheduler.standby();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot pause the scheduler: " + e.getMessage(), e);
        }
    }

    private static void shutdown(Scheduler scheduler) {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot shut the scheduler down: " + e.getMessage(), e);
        }
    }
}
