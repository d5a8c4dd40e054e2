package dev.nightshift.cli;

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
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a throwaway local PostgreSQL with a demo production database full of realistic fake data,",
                "and run the nightly backup against it. Run it again to take another backup; 'demo stop' removes it all."},
        footer = {"", "Examples:",
                "  scripts/demo                       (the same as: nightshift demo)",
                "  nightshift demo --users 100000     a bigger demo database",
                "  nightshift demo stop"})
class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "start|stop", defaultValue = "start")
    String action;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the demo keeps its cluster, backups and configuration"
            + " (default: $TMPDIR/nightshift-demo, which an unprivileged cluster owner can reach even when you are root).")
    Path dir;

    @Option(names = "--users", defaultValue = "20000", paramLabel = "N", description = "Users in the demo database (default 20000).")
    int users;

    @Override
    public Integer call() throws Exception {
        Path home = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "nightshift-demo");
        PrintWriter out = spec.commandLine().getOut();
        if ("stop".equals(action)) {
            LocalCluster.stopExisting(home.resolve("pg"));
            deleteRecursively(home);
            out.println("demo stopped and " + home + " removed");
            return ExitCodes.OK;
        }
        if (!"start".equals(action)) {
            throw new dev.nightshift.config.ConfigurationException("demo takes start or stop, not " + action);
        }
        Files.createDirectories(home);
        Path passwordFile = home.resolve("password");
        boolean fresh = !Files.exists(passwordFile);
        if (fresh) {
            Files.writeString(passwordFile, UUID.randomUUID().toString(), java.nio.charset.StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        } else {
            LocalCluster.stopExisting(home.resolve("pg"));
        }
        String password = Files.readString(passwordFile).strip();
        out.println("starting a throwaway PostgreSQL in " + home.resolve("pg") + " ...");
        LocalCluster cluster = LocalCluster.start(home.resolve("pg"), "nightshift", password);
        if (fresh) {
            createDemoDatabases(cluster, out);
        }
        Path config = writeConfig(home, cluster);
        out.println("running the nightly backup: nightshift --config " + config + " backup --env prod");
        int exit = NightshiftCli.execute(out, spec.commandLine().getErr(), "--config", config.toString(), "backup", "--env", "prod");
        NightshiftCli.execute(out, spec.commandLine().getErr(), "--config", config.toString(), "backups", "--env", "prod");
        out.println();
        out.println("Artifacts, checksums and manifests: " + home.resolve("backups/prod"));
        out.println("Catalog and job history:            " + cluster.jdbcUrl("nightshift_ops") + " (schema nightshift)");
        out.println("Try:");
        out.println("  scripts/nightshift --config " + config + " backups --env prod");
        out.println("  scripts/nightshift --config " + config + " jobs list");
        out.println("  scripts/nightshift --config " + config + " prune --env prod --dry-run");
        out.println("  scripts/nightshift --config " + config + " restore --env prod --database auth --into staging");
        out.println("  scripts/demo stop");
        return exit;
    }

    private void createDemoDatabases(LocalCluster cluster, PrintWriter out) throws SQLException {
        try (Connection admin = connect(cluster, "postgres")) {
            for (String db : new String[] {"nightshift_ops", "prod_auth", "prod_user", "staging_auth", "staging_user"}) {
                admin.createStatement().execute("CREATE DATABASE " + dev.nightshift.postgres.Identifiers.quote(db));
            }
        }
        for (String db : new String[] {"prod_auth", "prod_user"}) {
            out.println("filling " + db + " with " + users + " fake users (Datafaker) ...");
            try (Connection c = connect(cluster, db)) {
                DemoDatabase.createSchema(c);
                DemoDatabase.fill(c, users, db.hashCode());
            }
        }
    }

    private static Connection connect(LocalCluster cluster, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", cluster.superuser());
        props.setProperty("password", cluster.password());
        return DriverManager.getConnection(cluster.jdbcUrl(database), props);
    }

    private static Path writeConfig(Path home, LocalCluster cluster) throws IOException {
        String yaml = """
                # Written by `nightshift demo`; a complete example of a Nightshift configuration.
                nightshift:
                  ops-database: {url: "%1$s", username: %2$s, password: "%3$s"}
                  backup:
                    directory: %4$s
                    compression: zstd
                    verify: list
                    retention: {keep-last: 3, hourly: 24, daily: 7, weekly: 4, monthly: 6}
                  environments:
                    prod:
                      host: %5$s
                      port: %6$d
                      username: %2$s
                      password: "%3$s"
                      protected: true
                      data: masked     # fake data on staging's server; a real prod is data: production
                      databases: {auth: prod_auth, user: prod_user}
                    staging:
                      host: %5$s
                      port: %6$d
                      username: %2$s
                      password: "%3$s"
                      databases: {auth: staging_auth, user: staging_user}
                """.formatted(cluster.jdbcUrl("nightshift_ops"), cluster.superuser(), cluster.password(),
                home.resolve("backups"), cluster.host(), cluster.port());
        Path config = home.resolve("nightshift.yml");
        Files.writeString(config, yaml);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        return config;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
