package dev.nightshift.cli;

import dev.nightshift.backup.Sizes;
import dev.nightshift.status.DatabaseStatus;
import dev.nightshift.status.FleetStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Every database of an environment at a glance: reachable, server version, size, connections,",
                "last backup, last test restore, last sync, maintenance alerts, running jobs.",
                "Exit 1 when any database needs attention (unreachable, backup stale or missing, a failed test restore",
                "or sync, maintenance alerts, connections near max_connections)."},
        footer = {"", "Examples:",
                "  nightshift status --env prod",
                "  nightshift status --env prod --json | jq '.[] | select(.problems | length > 0)'"})
class StatusCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions scope;

    @Option(names = "--json", description = "Print JSON (for scripts and dashboards) instead of lines.")
    boolean json;

    StatusCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<DatabaseStatus> statuses = context.bean(FleetStatus.class).of(scope.environment, scope.databases);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(statuses));
        } else {
            statuses.forEach(status -> print(out, status));
        }
        return statuses.stream().allMatch(DatabaseStatus::healthy) ? ExitCodes.OK : ExitCodes.JOB_FAILED;
    }

    private static void print(PrintWriter out, DatabaseStatus s) {
        String name = s.environment() + "/" + s.database();
        if (!s.reachable()) {
            out.printf("%-9s %-24s %s  %s%n", "DOWN", name, s.server(), String.join("; ", s.problems()));
            return;
        }
        out.printf("%-9s %-24s %s  PostgreSQL %s  %s  connections %d/%d%n", s.healthy() ? "ok" : "ATTENTION", name,
                s.server(), s.serverVersion(), Sizes.human(s.sizeBytes()), s.connections(), s.maxConnections());
        out.printf("          last backup: %s%n", s.lastBackup());
        out.printf("          test restore: %s; sync: %s; maintenance: %s; running: %s%n", s.lastTestRestore(), s.lastSync(),
                s.maintenance(), s.running().isEmpty() ? "nothing" : String.join(", ", s.running()));
        s.problems().forEach(p -> out.println("          ! " + p));
    }
}
