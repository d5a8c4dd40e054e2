package dev.nightshift.cli;

import dev.nightshift.backup.BackupRereads;
import dev.nightshift.backup.RereadResult;
import dev.nightshift.backup.notify.Notifier;
import dev.nightshift.config.Targets;
import dev.nightshift.postgres.PgTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-read every retained backup artifact (local or S3, decrypting where encrypted) without"
                + " restoring it: its checksum, its table of contents and its row counts against the catalog. Each"
                + " result is recorded (nightshift backups shows it); a failed artifact is marked, no longer counts as"
                + " verified (retention, restores, syncs) and the webhook is told.",
        footer = {"", "Examples:",
                "  nightshift backups verify --env prod                   every artifact of every database",
                "  nightshift backups verify --env prod --database auth   one database",
                "  nightshift backups verify --env prod --all             also those that failed before",
                "", "Exit codes: 0 every artifact passed, 1 one failed or could not be read (each named on stderr),"
                + " 2 configuration error."})
class BackupsVerifyCommand implements Callable<Integer> {

    private final LazyContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment whose artifacts to re-read.")
    String environment;

    @Option(names = "--database", paramLabel = "DB", description = "Logical database (repeatable); default: all.")
    List<String> databases;

    @Option(names = "--all", description = "Also re-read artifacts whose earlier re-read failed; they stay marked.")
    boolean againFailed;

    // schedulers pass a run key to every command; a re-read has no run to resume
    @Option(names = "--run-key", paramLabel = "KEY", description = "Accepted for schedules; a re-read has no run to resume.")
    String runKey;

    BackupsVerifyCommand(LazyContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<PgTarget> targets = context.bean(Targets.class).resolve(environment, databases);
        BackupRereads rereads = context.bean(BackupRereads.class);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        for (PgTarget target : targets) {
            List<RereadResult> results = rereads.reread(environment, target.logicalName(), againFailed);
            if (results.isEmpty()) {
                out.println("none    " + environment + "/" + target.logicalName() + ": no artifact to re-read");
            }
            for (RereadResult r : results) {
                String line = environment + "/" + r.logicalDatabase() + " backup #" + r.backupId() + " (" + r.artifact()
                        + "): " + r.detail();
                switch (r.outcome()) {
                    case PASSED -> out.println("ok      " + line);
                    case FAILED -> {
                        err.println("FAILED  " + line);
                        problems.add("FAILED " + line);
                    }
                    case NOT_READ -> {
                        err.println("NOT READ " + line);
                        problems.add("not read " + line);
                    }
                }
            }
        }
        if (problems.isEmpty()) {
            return ExitCodes.OK;
        }
        context.bean(Notifier.class).alert(":warning: nightshift backups verify --env " + environment + ": "
                + String.join(" | ", problems));
        return ExitCodes.JOB_FAILED;
    }
}
