package dev.nightshift.cli;

import dev.nightshift.jobs.RunningJobs;
import dev.nightshift.schedule.ScheduledRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * Runs a fired schedule's command line in the scheduler's own context, through the same picocli commands
 * as the CLI: a scheduled backup is exactly {@code nightshift backup --env prod --run-key <fire time>}.
 */
final class InProcessRuns implements ScheduledRuns {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessRuns.class);

    private final LazyContext context;

    InProcessRuns(LazyContext context) {
        this.context = context;
    }

    @Override
    public int run(String entry, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NightshiftCli.execute(context, new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        out.toString().lines().forEach(line -> LOG.info("{}: {}", entry, line));
        err.toString().lines().forEach(line -> LOG.warn("{}: {}", entry, line));
        return exit;
    }

    @Override
    public boolean shuttingDown() {
        return context.bean(RunningJobs.class).shuttingDown();
    }
}
