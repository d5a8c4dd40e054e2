package dev.nightshift.cli;

import dev.nightshift.backup.BackupPruner;
import dev.nightshift.config.Targets;
import dev.nightshift.postgres.PgTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Apply the retention rules (nightshift.backup.retention) to the catalog of an environment.",
        footer = {"", "Examples:",
                "  nightshift prune --env prod --dry-run             show what would be deleted and which rule keeps the rest",
                "  nightshift prune --env prod --database auth       delete what no rule keeps"})
class PruneCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ENV")
    String environment;

    @Option(names = "--database", paramLabel = "DB", description = "Logical database (repeatable); default: all.")
    List<String> databases;

    @Option(names = "--dry-run", description = "Only print the plan; delete nothing.")
    boolean dryRun;

    PruneCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        List<PgTarget> targets = context.bean(Targets.class).resolve(environment, databases);
        BackupPruner pruner = context.bean(BackupPruner.class);
        PrintWriter out = spec.commandLine().getOut();
        for (PgTarget target : targets) {
            out.println("== " + environment + "/" + target.logicalName() + (dryRun ? " (dry run: nothing is deleted)" : ""));
            out.print(pruner.plan(environment, target.logicalName()));
            out.flush();
            if (!dryRun) {
                out.println("deleted " + pruner.prune(environment, target.logicalName()) + " backups");
            }
        }
        return ExitCodes.OK;
    }
}
