package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.schedule.CrontabRenderer;
import dev.nightshift.schedule.DaylightSavingCheck;
import dev.nightshift.schedule.KubernetesRenderer;
import dev.nightshift.schedule.RenderedFiles;
import dev.nightshift.schedule.ScheduleEntry;
import dev.nightshift.schedule.Schedules;
import dev.nightshift.schedule.SchedulesLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Generates Kubernetes manifests and crontabs from jobs/schedules.yml; needs no database. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Generate Kubernetes manifests or a crontab from jobs/schedules.yml.",
                "The generated k8s/ and cron/ are committed; a test fails when they differ from what render produces."},
        footer = {"", "Examples:",
                "  nightshift render k8s --env prod                   writes k8s/prod/ (kubectl apply -k k8s/prod)",
                "  nightshift render crontab --env prod > cron/prod.crontab",
                "  nightshift render job --env prod --name backfill -- migrate-data backfill --env prod --param day=2026-11-01",
                "                                                     a one-off Job, for kubectl create -f -",
                "  scripts/render                                     everything, for every environment"})
class RenderCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--schedules", paramLabel = "FILE", defaultValue = "jobs/schedules.yml", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The schedule definition (default: ${DEFAULT-VALUE}); its folder goes into the jobs ConfigMap.")
    Path schedulesFile;

    @Command(name = "k8s", mixinStandardHelpOptions = true,
            description = "Write k8s/<env>/: ConfigMaps, volume claim, CronJobs (kustomization.yaml) and scheduler/ (Deployment).")
    int k8s(@Option(names = "--env", required = true, paramLabel = "ENV") String environment,
            @Option(names = "--out", paramLabel = "DIR", description = "Default: k8s/<env>") Path out) {
        Schedules schedules = load(environment);
        Path directory = out != null ? out : Path.of("k8s", environment);
        int removed = RenderedFiles.write(directory, renderer(schedules).render(environment));
        spec.commandLine().getOut().println("wrote " + directory + (removed > 0 ? " (removed " + removed + " stale files)" : ""));
        return ExitCodes.OK;
    }

    @Command(name = "crontab", mixinStandardHelpOptions = true, description = "Print the crontab of an environment.")
    int crontab(@Option(names = "--env", required = true, paramLabel = "ENV") String environment,
                @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.") Path out)
            throws IOException {
        String text = CrontabRenderer.render(load(environment), environment);
        if (out == null) {
            spec.commandLine().getOut().print(text);
        } else {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, text);
        }
        return ExitCodes.OK;
    }

    @Command(name = "job", mixinStandardHelpOptions = true,
            description = {"Print a one-off Kubernetes Job that runs a Nightshift command line (after --), with the pod of"
                    + " the CronJobs.", "The variable NIGHTSHIFT_RUN_KEY holds the Job's name: pass --run-key '$(NIGHTSHIFT_RUN_KEY)'"
                    + " for a new run per launch."})
    int job(@Option(names = "--env", required = true, paramLabel = "ENV") String environment,
            @Option(names = "--name", defaultValue = "run", paramLabel = "NAME",
                    description = "Names the Job: nightshift-<env>-<name>-<random>.") String name,
            @Parameters(paramLabel = "ARGS", arity = "1..*", description = "The command line, e.g. migrate-data NAME --env prod") List<String> args) {
        Schedules schedules = SchedulesLoader.load(schedulesFile);
        NightshiftCli.parseError(args).ifPresent(error -> {
            throw new ConfigurationException("not a valid nightshift command line: " + error + " (in " + args + ")");
        });
        // no run key is added: the command's own identity applies (migrate-data: the migration and its
        // parameters), so launching the same migration again resumes a failed run; a pod retry does too.
        // $(NIGHTSHIFT_RUN_KEY) (the Job's name) is there for a command line that wants a key per launch.
        spec.commandLine().getOut().print(renderer(schedules).oneOffJob(environment, name, args));
        return ExitCodes.OK;
    }

    private KubernetesRenderer renderer(Schedules schedules) {
        return new KubernetesRenderer(schedules, schedulesFile.toAbsolutePath().getParent());
    }

    /** Loads the schedules and warns (stderr) about what would surprise someone at run time. */
    private Schedules load(String environment) {
        Schedules schedules = SchedulesLoader.load(schedulesFile);
        PrintWriter err = spec.commandLine().getErr();
        for (ScheduleEntry entry : schedules.environment(environment).entries()) {
            NightshiftCli.parseError(entry.argsWithRunKey("K")).ifPresent(error -> err.println(
                    "nightshift: warning: " + entry.id() + ": " + entry.args() + " is not a command line this version"
                            + " of nightshift runs (" + error + "); it is rendered anyway"));
        }
        DaylightSavingCheck.warnings(schedules.environment(environment), Instant.now())
                .forEach(w -> err.println("nightshift: warning: " + w));
        return schedules;
    }
}
