package dev.nightshift.cli;

import dev.nightshift.backup.BackupCatalog;
import dev.nightshift.backup.CatalogEntry;
import dev.nightshift.backup.Sizes;
import dev.nightshift.config.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "backups", mixinStandardHelpOptions = true,
        description = "List the backup catalog of an environment, newest first per database.",
        footer = {"", "Examples:",
                "  nightshift backups --env prod",
                "  nightshift backups --env prod --database auth --json | jq '.[0].artifact'"})
class BackupsCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment whose backups to list.")
    String environment;

    @Option(names = "--database", paramLabel = "DB", description = "Only this logical database.")
    String database;

    @Option(names = "--json", description = "Print JSON (for scripts) instead of a table.")
    boolean json;

    BackupsCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Targets targets = context.bean(Targets.class);
        targets.environment(environment);
        if (database != null) {
            targets.resolve(environment, database);
        }
        List<CatalogEntry> entries = context.bean(BackupCatalog.class).list(environment, database);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(entries));
            return ExitCodes.OK;
        }
        if (entries.isEmpty()) {
            out.println("no backups of " + environment + (database == null ? "" : "/" + database)
                    + " in the catalog; take one with: nightshift backup --env " + environment);
            return ExitCodes.OK;
        }
        out.printf("%-6s %-10s %-20s %-8s %-10s %-9s %s%n", "ID", "DATABASE", "STARTED (UTC)", "AGE", "SIZE", "VERIFIED", "ARTIFACT");
        Instant now = Instant.now();
        for (CatalogEntry e : entries) {
            out.printf("%-6d %-10s %-20s %-8s %-10s %-9s %s%n", e.id(), e.logicalDatabase(),
                    e.startedAt().toString().replace('T', ' ').substring(0, 19), age(Duration.between(e.startedAt(), now)),
                    Sizes.human(e.sizeBytes()), e.verified() ? "yes" : "NO", e.artifact());
        }
        return ExitCodes.OK;
    }

    static String age(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + "d" + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        return d.toMinutes() + "m" + d.toSecondsPart() + "s";
    }
}
