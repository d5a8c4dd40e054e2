package dev.nightshift.cli;

import dev.nightshift.jobs.JobOutcome;
import picocli.CommandLine.Model.CommandSpec;

/** One line per finished job: stdout when it worked, stderr when not, so a CronJob's log shows failures. */
final class OutcomePrinter {

    private OutcomePrinter() {
    }

    static int print(CommandSpec spec, JobOutcome outcome) {
        (outcome.exitCode() == ExitCodes.OK ? spec.commandLine().getOut() : spec.commandLine().getErr())
                .println(outcome.message());
        return outcome.exitCode();
    }
}
