package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.postgres.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a throwaway local PostgreSQL with demo production databases full of realistic fake data,",
                "then tour the suite on it: backup, masked sync into staging, schema and data migrations, maintenance.",
                "'demo backup' only takes the nightly backup (run it again for another); 'demo stop' removes it all."},
        footer = {"", "Examples:",
                "  scripts/demo                       (the same as: nightshift demo --jobs jobs)",
                "  nightshift demo backup             start (or reuse) the demo and back it up",
                "  nightshift demo --users 100000     bigger demo databases",
                "  nightshift demo stop"})
class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "tour|backup|stop", defaultValue = "tour")
    String action;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the demo keeps its cluster, backups and configuration"
            + " (default: $TMPDIR/nightshift-demo, which an unprivileged cluster owner can reach even when you are root).")
    Path dir;

    @Option(names = "--users", defaultValue = "20000", paramLabel = "N", description = "Users in each demo database (default 20000).")
    int users;

    @Option(names = "--jobs", paramLabel = "DIR", description = "The project's jobs/ folder (masking rules, migrations, schema);"
            + " default: ./jobs. The tour's sync and migrations need it.")
    Path jobs;

    @Override
    public Integer call() throws Exception {
        DemoHome home = new DemoHome(dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "nightshift-demo"));
        PrintWriter out = spec.commandLine().getOut();
        switch (action) {
            case "stop" -> {
                LocalCluster.stopExisting(home.cluster());
                home.delete();
                out.println("demo stopped and " + home.dir() + " removed");
                return ExitCodes.OK;
            }
            case "tour", "backup" -> {
                return start(home, out);
            }
            default -> throw new ConfigurationException("demo takes tour, backup or stop, not " + action);
        }
    }

    private int start(DemoHome home, PrintWriter out) throws IOException, SQLException {
        long begin = System.nanoTime();
        Path jobsDir = jobsDirectory();
        if ("tour".equals(action) && jobsDir == null) {
            throw new ConfigurationException("the demo's tour needs the project's jobs/ folder (masking rules, migrations,"
                    + " schema): run it from the project's root (scripts/demo) or pass --jobs DIR; 'demo backup' needs none");
        }
        Files.createDirectories(home.dir());
        boolean fresh = home.fresh();
        if (!fresh) {
            LocalCluster.stopExisting(home.cluster());
        }
        out.println("starting a throwaway PostgreSQL in " + home.cluster() + " ...");
        LocalCluster cluster = LocalCluster.start(home.cluster(), "nightshift", home.password());
        if (fresh) {
            home.createDatabases(cluster, DemoHome.OPS_DATABASE, "prod_auth", "prod_user", "staging_auth", "staging_user");
            fill(home, cluster, out);
        }
        Path config = DemoConfig.write(home, cluster, jobsDir);
        int exit = "tour".equals(action) ? new DemoTour(home, cluster, out).run() : backupOnly(config, out);
        out.println();
        if (exit == 0 && "tour".equals(action)) {
            out.printf(Locale.ROOT, "The tour took %.0f s.%n", (System.nanoTime() - begin) / 1e9);
        }
        printNext(home, config, out);
        return exit;
    }

    private int backupOnly(Path config, PrintWriter out) {
        out.println("running the nightly backup: nightshift --config " + config + " backup --env prod");
        PrintWriter err = spec.commandLine().getErr();
        int exit = NightshiftCli.execute(out, err, "--config", config.toString(), "backup", "--env", "prod");
        NightshiftCli.execute(out, err, "--config", config.toString(), "backups", "--env", "prod");
        return exit;
    }

    private void fill(DemoHome home, LocalCluster cluster, PrintWriter out) throws SQLException {
        for (String db : new String[] {"prod_auth", "prod_user"}) {
            out.println("filling " + db + " with " + users + " fake users (Datafaker) ...");
            out.flush();
            try (Connection c = home.connect(cluster, db)) {
                DemoDatabase.createSchema(c);
                DemoDatabase.fill(c, users, db.hashCode());
            }
        }
    }

    private Path jobsDirectory() {
        Path candidate = jobs != null ? jobs : Path.of("jobs");
        if (Files.isDirectory(candidate.resolve("masking"))) {
            return candidate.toAbsolutePath().normalize();
        }
        if (jobs != null) {
            throw new ConfigurationException("--jobs " + jobs + " has no masking/ folder: point it at the project's jobs/ folder");
        }
        return null;
    }

    private static void printNext(DemoHome home, Path config, PrintWriter out) {
        String n = "scripts/nightshift --config " + config;
        out.println("Configuration: " + config + " (the masking salt is in " + home.dir().resolve("masking-salt") + ")");
        out.println("Try next:");
        out.println("  " + n + " backups --env prod");
        out.println("  " + n + " jobs list");
        out.println("  " + n + " sync --from prod --to staging --database auth --check");
        out.println("  " + n + " migrate-schema --env staging info");
        out.println("  " + n + " prune --env prod --dry-run");
        out.println("  scripts/demo stop");
    }
}
