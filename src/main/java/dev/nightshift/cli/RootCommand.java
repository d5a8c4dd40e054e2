package dev.nightshift.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.List;

@Command(name = "nightshift", mixinStandardHelpOptions = true, version = "nightshift 0.1.0",
        description = "Scheduled PostgreSQL operations: backups, restores, masked staging syncs, and the jobs that run them.",
        subcommands = {BackupCommand.class, BackupsCommand.class, PruneCommand.class, RestoreCommand.class,
                SyncCommand.class, MigrateDataCommand.class, MigrateSchemaCommand.class, SeedCommand.class, MaintainCommand.class, StatusCommand.class, JobsCommand.class,
                DemoCommand.class, RenderCommand.class, SchedulerCommand.class},
        footer = {"", "Examples:",
                "  nightshift --config prod.yml backup --env prod",
                "  nightshift --config prod.yml backups --env prod --database auth",
                "  nightshift --config prod.yml restore --env prod --database auth --into staging",
                "  nightshift --config prod.yml sync --from prod --to staging",
                "  nightshift --config prod.yml migrate-data backfill_email_hash --env prod --dry-run",
                "  nightshift --config prod.yml migrate-schema --env prod info",
                "  nightshift --config prod.yml maintain --env prod --report-dir /var/lib/nightshift/reports",
                "  nightshift --config prod.yml jobs list",
                "  nightshift --config prod.yml scheduler --env prod       run jobs/schedules.yml until stopped",
                "  nightshift render k8s --env prod                        Kubernetes manifests from jobs/schedules.yml",
                "",
                "Exit codes: 0 success, 1 job failed, 2 usage or configuration error, 3 refused by a safety guard."})
class RootCommand implements Runnable {

    private final LazyContext context;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    RootCommand(LazyContext context) {
        this.context = context;
    }

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "An extra configuration file (YAML or properties) on top of application.yml; repeatable.")
    void config(List<Path> files) {
        context.configFiles(files);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
