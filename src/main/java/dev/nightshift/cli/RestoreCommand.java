package dev.nightshift.cli;

import dev.nightshift.backup.BackupCatalog;
import dev.nightshift.backup.BackupJobs;
import dev.nightshift.backup.CatalogEntry;
import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.ProtectedEnvironmentGuard;
import dev.nightshift.config.Targets;
import dev.nightshift.jobs.JobOutcome;
import dev.nightshift.postgres.PgTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a cataloged backup into the same logical database of an environment, replacing it.",
                "The backup is restored into <database>__incoming first; the live database is dropped and replaced"
                        + " only when that succeeded, so a failed restore leaves it as it was."},
        footer = {"", "Examples:",
                "  nightshift restore --env prod --database auth --into staging              newest verified backup",
                "  nightshift restore --env prod --database auth --backup 42 --into staging  a given backup (see: nightshift backups)",
                "  nightshift restore --env prod --database auth --into prod --confirm-production   disaster recovery"})
class RestoreCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment the backup was taken from.")
    String from;

    @Option(names = "--database", required = true, paramLabel = "DB", description = "Logical database.")
    String database;

    @Option(names = "--backup", paramLabel = "ID|latest", defaultValue = "latest",
            description = "Catalog id of the backup, or latest (the newest verified one; default).")
    String backup;

    @Option(names = "--into", required = true, paramLabel = "ENV", description = "Environment whose database is replaced.")
    String into;

    @Option(names = "--confirm-production", description = "Needed to restore into an environment marked protected.")
    boolean confirmed;

    RestoreCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Targets targets = context.bean(Targets.class);
        targets.resolve(from, database);
        PgTarget target = targets.resolve(into, database);
        ProtectedEnvironmentGuard.checkWrite(targets, into, confirmed, "restore into " + target.describe());
        targets.dataClasses().checkCopy(from, into, "restore " + from + "/" + database + " into " + target.describe());
        // the database itself may not exist yet: a first restore creates it
        Preflight.requireReachable(target.withDatabase("postgres"));
        CatalogEntry entry = choose(context.bean(BackupCatalog.class));
        spec.commandLine().getOut().println("restoring backup #" + entry.id() + " (" + entry.artifact() + ", taken "
                + entry.startedAt() + ") into " + target.describe());
        var execution = context.bean(BackupJobs.class).restore(from, database, entry.id(), into, confirmed, Instant.now().toString());
        return OutcomePrinter.print(spec, JobOutcome.of(execution, "restore of " + from + "/" + database + " into " + into));
    }

    private CatalogEntry choose(BackupCatalog catalog) {
        if ("latest".equals(backup)) {
            return catalog.latestVerified(from, database).orElseThrow(() -> new ConfigurationException(
                    "no verified backup of " + from + "/" + database + " in the catalog; take one with: nightshift backup --env "
                            + from + " --database " + database));
        }
        long id;
        try {
            id = Long.parseLong(backup);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("--backup must be a catalog id or latest, was " + backup);
        }
        CatalogEntry entry = catalog.find(id).orElseThrow(() -> new ConfigurationException(
                "no backup #" + id + " in the catalog; see: nightshift backups --env " + from));
        if (!entry.environment().equals(from) || !entry.logicalDatabase().equals(database)) {
            throw new ConfigurationException("backup #" + id + " is of " + entry.environment() + "/"
                    + entry.logicalDatabase() + ", not " + from + "/" + database);
        }
        if (!entry.verified()) {
            String why = Boolean.FALSE.equals(entry.rereadPassed()) ? "failed its re-read (" + entry.rereadDetail() + ")"
                    : "failed verification (" + entry.verification() + ")";
            throw new ConfigurationException("backup #" + id + " " + why + "; choose a verified one (see: nightshift backups)");
        }
        return entry;
    }
}
