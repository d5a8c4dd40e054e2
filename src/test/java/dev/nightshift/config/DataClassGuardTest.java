package dev.nightshift.config;

import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production data stays on production-class servers: a restore or a scratch restore of production's backups
 * onto a masked-class server is refused before it starts (exit 3, nothing created there), and a masked
 * environment's entry that reaches a production server is refused for every write, however its host is spelt.
 */
class DataClassGuardTest {

    static final TestPostgres masked = TestPostgres.get();
    /** A second cluster: production's own server. */
    static final TestPostgres production = TestPostgres.withPgStatStatements();

    String prod;
    String staging;
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        if (nightshift != null) {
            nightshift.close();
        }
        production.dropDatabase(prod);
        masked.dropDatabase(staging);
    }

    @Test
    void copiesOfProductionOntoAMaskedServerAreRefusedBeforeTheyStart() throws Exception {
        // given prod (data: production) on its own server with a verified backup, staging (masked) on another
        givenProdOnItsOwnServer();
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();

        // when restoring it into staging, test-restoring it and verifying a backup by restore there
        CliResult restore = nightshift.cli("restore", "--env", "prod", "--database", "auth", "--into", "staging");
        CliResult testRestore = nightshift.cli("backups", "test-restore", "--env", "prod", "--confirm-production");
        CliResult verify = nightshift.cli("backup", "--env", "prod", "--verify", "restore", "--confirm-production");

        // then each is refused with the setting to change, and nothing was created on staging's server
        for (CliResult refused : new CliResult[] {restore, testRestore, verify}) {
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
            assertThat(refused.err()).contains("(data: production)").contains("(data: masked)")
                    .contains("nightshift.environments.staging.data: production");
        }
        assertThat(masked.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE '" + staging
                + "%' OR datname LIKE 'nightshift\\_%'")).isZero();
        assertThat(masked.queryLong(nightshift.opsDatabase(),
                "SELECT count(*) FROM nightshift.batch_job_instance WHERE job_name <> 'backup'")).isZero();
    }

    @Test
    void aMaskedEntryReachingTheProductionServerUnderAnotherHostNameIsRefusedForEveryWrite() throws Exception {
        // given staging's entry points at prod's server through another name of the same machine
        // (localhost, prod says 127.0.0.1): only the server's system identifier tells them apart
        givenStagingEntryOn(production, "localhost");

        // when writing into staging in every way there is
        CliResult sync = nightshift.cli("sync", "--from", "prod", "--to", "staging", "--database", "auth");
        CliResult restore = nightshift.cli("restore", "--env", "prod", "--database", "auth", "--into", "staging");
        CliResult schema = nightshift.cli("migrate-schema", "--env", "staging", "--database", "auth", "migrate");
        CliResult vacuumFull = nightshift.cli("maintain", "--env", "staging", "--database", "auth", "--vacuum-full", "users");
        CliResult vacuum = nightshift.cli("maintain", "--env", "staging", "--database", "auth");
        CliResult data = nightshift.cli("migrate-data", "touch_users", "--env", "staging");

        // then every one is refused and names the entry to fix
        for (CliResult refused : new CliResult[] {sync, restore, schema, vacuumFull, vacuum, data}) {
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
            assertThat(refused.err()).contains("environment 'staging' is declared data: masked")
                    .contains("system identifier").contains("the server of 'prod' (data: production)")
                    .contains("nightshift.environments.staging.host/port");
        }
        assertThat(masked.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.batch_job_execution"))
                .as("refused before any job started").isZero();
        // and prod's database is still prod's, under its own name
        assertThat(production.queryLong(prod, "SELECT count(*) FROM users")).isPositive();
    }

    @Test
    void aMaskedEntryWithProductionsHostAndPortIsRefused() throws Exception {
        // given staging's entry is a copy of prod's host and port
        givenStagingEntryOn(production, production.host());

        // when
        CliResult restore = nightshift.cli("restore", "--env", "prod", "--database", "auth", "--into", "staging");

        // then
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(3);
        assertThat(restore.err()).contains("is declared data: masked").contains(production.host() + ":" + production.port());
    }

    @Test
    void aMaskedEnvironmentWithOneDatabaseEntryOnTheProductionServerIsRefused() throws Exception {
        // given staging on its own server, but one of its databases written as host:port/name of prod's server
        prod = createProd(production);
        staging = createProd(masked);
        Path migrations = touchUsersMigration();
        nightshift = NightshiftFixture.builder()
                .environment("prod", onServer(production, production.host()).database("auth", prod).protectedEnvironment().data("production"))
                .environment("staging", new Environment().database("auth", staging)
                        .database("crm", production.host() + ":" + production.port() + "/" + prod))
                .setting("migration: {directory: " + migrations + "}")
                .build();

        // when a write into staging starts
        CliResult migrate = nightshift.cli("migrate-data", "touch_users", "--env", "staging");

        // then
        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(3);
        assertThat(migrate.err()).contains("is declared data: masked").contains(production.host() + ":" + production.port())
                .contains("host:port/name");
    }

    @Test
    void twoEnvironmentsOfTheSameClassMayShareAServer() throws Exception {
        // given prod and a disaster-recovery environment, both production-class, on one server
        prod = createProd(production);
        staging = "unused_" + prod;
        nightshift = NightshiftFixture.builder()
                .environment("prod", onServer(production, "localhost").database("auth", prod).protectedEnvironment().data("production"))
                .environment("dr", onServer(production, production.host()).database("auth", prod + "_dr").data("production"))
                .dropOnClose(prod + "_dr")
                .build();
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();

        // when restoring prod's backup into dr
        CliResult restore = nightshift.cli("restore", "--env", "prod", "--database", "auth", "--into", "dr");

        // then it ran
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(production.queryLong(prod + "_dr", "SELECT count(*) FROM users"))
                .isEqualTo(production.queryLong(prod, "SELECT count(*) FROM users"));
    }

    private void givenProdOnItsOwnServer() throws Exception {
        prod = createProd(production);
        staging = "staging_" + prod;
        nightshift = NightshiftFixture.builder()
                .environment("prod", onServer(production, production.host()).database("auth", prod).protectedEnvironment().data("production"))
                .environment("staging", new Environment().database("auth", staging))
                .backupSetting("verify-environment: staging")
                .build();
    }

    private void givenStagingEntryOn(TestPostgres server, String host) throws Exception {
        prod = createProd(production);
        staging = "staging_" + prod;
        Path migrations = touchUsersMigration();
        nightshift = NightshiftFixture.builder()
                .environment("prod", onServer(production, production.host()).database("auth", prod).protectedEnvironment().data("production"))
                .environment("staging", onServer(server, host).database("auth", prod))
                .setting("migration: {directory: " + migrations + "}")
                .build();
    }

    /** A data migration that writes every user row, to try a write into an environment. */
    private static Path touchUsersMigration() throws Exception {
        Path migrations = Files.createTempDirectory("nightshift-migrations");
        Files.writeString(migrations.resolve("touch_users.yml"), """
                description: touches every user
                database: auth
                table: public.users
                key: id
                batch: "UPDATE users SET email = email WHERE id > :from AND id <= :to"
                remaining: "SELECT 0"
                """);
        return migrations;
    }

    private static Environment onServer(TestPostgres server, String host) {
        return new Environment().host(host).port(server.port()).password(server.password());
    }

    private static String createProd(TestPostgres server) throws Exception {
        String database = server.createDatabase("dataclass_prod");
        try (Connection c = server.connect(database)) {
            DemoDatabase.createSchema(c);
            DemoDatabase.fill(c, 30, 2);
        }
        return database;
    }
}
