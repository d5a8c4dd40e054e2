package dev.nightshift.cli;

import dev.nightshift.jobs.JobOutcome;
import dev.nightshift.jobs.JobsAdmin;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "List, inspect, restart and stop job executions of every job type.",
        footer = {"", "Examples:",
                "  nightshift jobs list --job backup --limit 5",
                "  nightshift jobs show 42",
                "  nightshift jobs restart 42     continue a failed, stopped or killed execution",
                "  nightshift jobs stop 42        ask a running execution to stop cleanly"})
class JobsCommand {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    JobsCommand(LazyContext context) {
        this.context = context;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Recent job executions, newest first.")
    int list(@Option(names = "--job", paramLabel = "NAME", description = "Only this job (backup, restore, ...).") String job,
             @Option(names = "--limit", defaultValue = "20", paramLabel = "N") int limit) {
        JobsAdmin admin = context.bean(JobsAdmin.class);
        out().printf("%-6s %-10s %-10s %-19s %-19s %s%n", "ID", "JOB", "STATUS", "START", "END", "PARAMETERS");
        for (JobsAdmin.ExecutionRow row : admin.list(job, limit)) {
            String status = row.status();
            if (("STARTED".equals(status) || "STOPPING".equals(status)) && admin.runner(row.id()).isEmpty()) {
                status = status + " (dead)";
            }
            out().printf("%-6d %-10s %-10s %-19s %-19s %s%n", row.id(), row.job(), status,
                    time(row.start()), time(row.end()), row.parameters() == null ? "" : row.parameters());
        }
        return ExitCodes.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One execution with its steps.")
    int show(@Parameters(paramLabel = "ID") long id) {
        JobsAdmin admin = context.bean(JobsAdmin.class);
        JobExecution execution = admin.execution(id);
        out().println("execution " + id + ": " + execution.getJobInstance().getJobName() + " " + execution.getStatus()
                + (execution.isRunning() ? admin.runner(id).map(r -> " in " + r).orElse(" (dead: its process is gone)") : ""));
        out().println("  parameters: " + execution.getJobParameters().parameters().stream()
                .filter(p -> p.identifying()).map(p -> p.name() + "=" + p.value()).toList());
        out().println("  started:    " + execution.getStartTime() + "   ended: " + execution.getEndTime());
        out().println("  exit:       " + execution.getExitStatus().getExitCode() + " "
                + firstLine(execution.getExitStatus().getExitDescription()));
        for (StepExecution step : execution.getStepExecutions()) {
            out().printf("  step %-20s %-10s %s%n", step.getStepName(), step.getStatus(),
                    firstLine(step.getExitStatus().getExitDescription()));
        }
        return ExitCodes.OK;
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Restart a failed or stopped execution, or one whose process was killed.")
    int restart(@Parameters(paramLabel = "ID") long id) throws Exception {
        JobExecution execution = context.bean(JobsAdmin.class).restart(id);
        return OutcomePrinter.print(spec, JobOutcome.of(execution, "restart of execution " + id));
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Ask a running execution to stop cleanly.")
    int stop(@Parameters(paramLabel = "ID") long id) throws Exception {
        out().println(context.bean(JobsAdmin.class).stop(id));
        return ExitCodes.OK;
    }

    private static String time(java.time.LocalDateTime t) {
        return t == null ? "-" : t.withNano(0).toString().replace('T', ' ');
    }

    private static String firstLine(String text) {
        return text == null || text.isBlank() ? "" : text.strip().lines().findFirst().orElse("");
    }
}
