package dev.nightshift.cli;

import dev.nightshift.postgres.LocalCluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo's tour of the suite on its throwaway cluster: each step runs the real command (its output goes
 * to a log file of its own) and then says in one short paragraph what happened and where to look. A step
 * that fails says where its log is, and the tour stops with that step's exit code.
 */
final class DemoTour {

    private final DemoHome home;
    private final LocalCluster cluster;
    private final DemoSteps steps;
    private final PrintWriter out;

    DemoTour(DemoHome home, LocalCluster cluster, PrintWriter out) {
        this.home = home;
        this.cluster = cluster;
        this.steps = new DemoSteps(home, out);
        this.out = out;
    }

    int run() throws IOException, SQLException {
        int exit = steps.run("1. Nightly backup", "backup", "--env", "prod");
        if (exit != 0) {
            return exit;
        }
        out.println("   Both production databases were dumped, compressed, checksummed and verified: "
                + artifacts("prod") + " artifact(s) with their .sha256 and manifest under " + home.backups().resolve("prod") + ".");
        out.println("   The catalog is in " + cluster.jdbcUrl(DemoHome.OPS_DATABASE) + " (schema nightshift); list it with `backups --env prod`.");

        exit = steps.run("2. Masked copy of production into staging", "sync", "--from", "prod", "--to", "staging");
        if (exit != 0) {
            return exit;
        }
        out.println("   prod_auth and prod_user were copied into staging with personal data masked (rules: jobs/masking/),");
        // only the masked value: the tour's output is shown and pasted around, production's value stays in prod
        out.println("   verified (row counts, constraints, leak check, schema) and swapped in. User 1's email in staging is "
                + quoted(firstEmail("staging_auth")) + ", masked.");
        out.println("   Run reports: " + home.reports().resolve("sync") + ".");

        exit = steps.run("3. Schema migration behind a backup", "migrate-schema", "--env", "staging", "--database", "auth", "migrate");
        if (exit != 0) {
            return exit;
        }
        out.println("   staging/auth was backed up first, then Flyway applied jobs/schema/auth/: it is now at version "
                + schemaVersion("staging_auth") + " (users.email_hash and its index). The log names the backup that undoes it.");

        exit = steps.run("4. Data migration: a dry run first", "migrate-data", "backfill_email_hash", "--env", "staging", "--dry-run");
        if (exit != 0) {
            return exit;
        }
        out.println("   The first batches ran in transactions that were rolled back; the plan and the estimated duration are in the log.");
        exit = steps.run("5. Data migration", "migrate-data", "backfill_email_hash", "--env", "staging");
        if (exit != 0) {
            return exit;
        }
        out.println("   users.email_hash was backfilled in adaptive batches with progress lines: "
                + count("staging_auth", "SELECT count(*) FROM users WHERE email_hash IS NOT NULL") + " of "
                + count("staging_auth", "SELECT count(*) FROM users") + " users; a killed run resumes where it stopped.");

        exit = steps.run("6. Maintenance: VACUUM where needed, and the health report", "maintain", "--env", "staging");
        if (exit != 0) {
            return exit;
        }
        out.println("   Every staging database was vacuumed where needed and reported on (HTML, Markdown, JSON). Open one:");
        out.println("   " + newestReport().map(p -> p.toUri().toString()).orElse("(none written)"));

        exit = steps.run("7. Production at a glance", "status", "--env", "prod");
        if (exit != 0) {
            return exit;
        }
        out.println("   One block per database: reachable, version, size, connections, last backup, test restore, sync and"
                + " maintenance; exit 1 when any needs attention (scripts/db-health runs it).");
        return 0;
    }

    private long artifacts(String environment) throws IOException {
        try (Stream<Path> files = Files.walk(home.backups().resolve(environment))) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.dump(\\.[a-z0-9]+)?")).count();
        }
    }

    private java.util.Optional<Path> newestReport() throws IOException {
        Path dir = home.reports().resolve("maintenance");
        if (!Files.isDirectory(dir)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> html = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
            return html.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(html.get(html.size() - 1));
        }
    }

    private String firstEmail(String database) throws SQLException {
        return value(database, "SELECT email FROM users ORDER BY id LIMIT 1");
    }

    private String schemaVersion(String database) throws SQLException {
        return value(database, "SELECT max(version) FROM flyway_schema_history WHERE success");
    }

    private long count(String database, String sql) throws SQLException {
        return Long.parseLong(value(database, sql));
    }

    private String value(String database, String sql) throws SQLException {
        try (Connection c = home.connect(cluster, database); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String quoted(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }
}
