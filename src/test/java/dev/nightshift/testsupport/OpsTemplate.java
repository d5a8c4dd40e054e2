package dev.nightshift.testsupport;

import dev.nightshift.cli.NightshiftCli;
import dev.nightshift.postgres.Identifiers;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every fixture's ops database is a copy of one that Nightshift itself migrated once per test JVM: creating
 * the ops schema (Flyway, about 50 tables) took about a second for each of the suite's hundreds of fixtures,
 * copying it from a template takes a CREATE DATABASE. The first start on an empty ops database is still run,
 * by Nightshift, once per test JVM, so a broken migration still fails every database test.
 */
final class OpsTemplate {

    private static String template;

    private OpsTemplate() {
    }

    /** A new ops database with the migrated ops schema and no rows but Flyway's history. */
    static synchronized String copy(TestPostgres pg) {
        if (template == null) {
            template = migrate(pg);
        }
        return pg.createDatabase("ops", template);
    }

    private static String migrate(TestPostgres pg) {
        String name = pg.createDatabase("ops_template");
        try {
            Path home = Files.createTempDirectory("nightshift-ops-template");
            Path config = Files.writeString(home.resolve("nightshift.yml"), "nightshift:\n"
                    + "  ops-database: {url: \"" + pg.jdbcUrl(name) + "\", username: " + pg.user()
                    + ", password: \"" + pg.password() + "\"}\n"
                    + "  backup:\n    directory: " + home.resolve("backups") + "\n");
            StringWriter output = new StringWriter();
            PrintWriter writer = new PrintWriter(output, true);
            int exit = NightshiftCli.execute(writer, writer, "--config", config.toString(), "jobs", "list");
            if (exit != 0) {
                throw new IllegalStateException("migrating the template ops database failed (exit " + exit + "): " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // no session may use it while it is copied; hidden from every listing of databases that allow connections
        pg.execute("postgres", "ALTER DATABASE " + Identifiers.quote(name) + " WITH ALLOW_CONNECTIONS false IS_TEMPLATE true");
        return name;
    }
}
