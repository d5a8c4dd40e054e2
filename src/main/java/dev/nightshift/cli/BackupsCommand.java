package dev.nightshift.cli;

import dev.nightshift.backup.BackupCatalog;
import dev.nightshift.backup.BackupFreshnessCheck;
import dev.nightshift.backup.CatalogEntry;
import dev.nightshift.backup.Sizes;
import dev.nightshift.backup.TestRestoreHistory;
import dev.nightshift.backup.TestRestoreResult;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "backups", mixinStandardHelpOptions = true,
        description = "List the backup catalog of an environment, newest first per database, and the last test restores.",
        subcommands = {BackupsCheckCommand.class, BackupsVerifyCommand.class, BackupsTestRestoreCommand.class,
                BackupsKeygenCommand.class},
        footer = {"", "Examples:",
                "  nightshift backups --env prod",
                "  nightshift backups --env prod --database auth --json | jq '.[0].artifact'",
                "  nightshift backups check --env prod        exit 1 if a backup is stale/small",
                "  nightshift backups verify --env prod       re-read every artifact (checksum, contents)",
                "  nightshift backups test-restore --env prod restore into throwaway databases",
                "  nightshift backups keygen --out keyset.json a new encryption keyset"})
class BackupsCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    // not required by picocli: `backups check --env ENV` must not need a second --env before `check`
    @Option(names = "--env", paramLabel = "ENV", description = "Environment whose backups to list (required).")
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
        if (environment == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--env=ENV'");
        }
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
        out.printf("%-6s %-10s %-20s %-8s %-10s %-9s %-42s %s%n", "ID", "DATABASE", "STARTED (UTC)", "AGE", "SIZE",
                "VERIFIED", "LAST PROVEN", "ARTIFACT");
        Instant now = Instant.now();
        Map<Long, TestRestoreResult> tests = context.bean(TestRestoreHistory.class).latestPerBackup(environment, database);
        for (CatalogEntry e : entries) {
            out.printf("%-6d %-10s %-20s %-8s %-10s %-9s %-42s %s%n", e.id(), e.logicalDatabase(),
                    e.startedAt().toString().replace('T', ' ').substring(0, 19), BackupFreshnessCheck.human(Duration.between(e.startedAt(), now)),
                    Sizes.human(e.sizeBytes()), e.verified() ? "yes" : "NO", proven(e, tests.get(e.id()), now),
                    e.artifact() + (e.encryption() == null ? "" : " (encrypted, key " + e.keyId() + ")"));
        }
        printTestRestores(out);
        return ExitCodes.OK;
    }

    /** When and how the artifact was last shown to be good: re-read by backups verify, test-restored, or only at backup. */
    static String proven(CatalogEntry e, TestRestoreResult test, Instant now) {
        List<String> proofs = new ArrayList<>();
        if (e.rereadAt() != null) {
            proofs.add((Boolean.TRUE.equals(e.rereadPassed()) ? "re-read " : "re-read FAILED ") + ago(e.rereadAt(), now));
        }
        if (test != null) {
            proofs.add((test.succeeded() ? "test-restored " : "test restore FAILED ") + ago(test.startedAt(), now));
        }
        return proofs.isEmpty() ? "at backup only" : String.join(", ", proofs);
    }

    private static String ago(Instant when, Instant now) {
        return BackupFreshnessCheck.human(Duration.between(when, now)) + " ago";
    }

    private void printTestRestores(PrintWriter out) {
        List<TestRestoreResult> tests = context.bean(TestRestoreHistory.class).latest(environment, database);
        out.println();
        if (tests.isEmpty()) {
            out.println("no test restores yet; run one with: nightshift backups test-restore --env " + environment);
            return;
        }
        out.println("Last test restore per database (duration = measured RTO):");
        for (TestRestoreResult t : tests) {
            out.printf("%-10s backup #%-5d %-20s %-7s %8.1f s  %s%n", t.logicalDatabase(), t.backupId(),
                    t.startedAt().toString().replace('T', ' ').substring(0, 19), t.succeeded() ? "passed" : "FAILED",
                    t.durationMs() / 1000.0, t.detail());
        }
    }

}
