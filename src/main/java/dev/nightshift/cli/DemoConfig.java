package dev.nightshift.cli;

import dev.nightshift.postgres.LocalCluster;

import java.io.IOException;
import java.nio.file.Path;

/** The configuration the demo writes: a complete, working example of a Nightshift configuration file. */
final class DemoConfig {

    private DemoConfig() {
    }

    /**
     * @param jobs the project's {@code jobs/} folder (masking rules, migrations, schema), or null: then the
     *             commands that need it use their defaults relative to the working directory
     */
    static Path write(DemoHome home, LocalCluster cluster, Path jobs) throws IOException {
        String yaml = """
                # Written by `nightshift demo`; a complete example of a Nightshift configuration.
                nightshift:
                  ops-database: {url: "%1$s", username: %2$s, password: "%3$s"}
                  backup:
                    directory: %4$s
                    compression: zstd
                    verify: list
                    retention: {keep-last: 3, hourly: 24, daily: 7, weekly: 4, monthly: 6}
                  sync:
                    salt-file: %7$s
                    work-directory: %8$s
                    report-directory: %9$s
                %10$s  maintenance:
                    report-directory: %11$s
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
                """.formatted(cluster.jdbcUrl(DemoHome.OPS_DATABASE), cluster.superuser(), cluster.password(),
                home.backups(), cluster.host(), cluster.port(), home.salt(), home.dir().resolve("sync-work"),
                home.reports().resolve("sync"), jobsSettings(jobs), home.reports().resolve("maintenance"));
        DemoHome.writePrivate(home.config(), yaml);
        return home.config();
    }

    private static String jobsSettings(Path jobs) {
        if (jobs == null) {
            return "";
        }
        return """
                    rules-directory: %1$s
                  migration:
                    directory: %2$s
                    schema-directory: %3$s
                    schema-baseline-version: "001"
                """.formatted(jobs.resolve("masking"), jobs.resolve("migrations"), jobs.resolve("schema"));
    }
}
