package dev.nightshift.migration.seed;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** nightshift seed and the essential seeds after migrate-schema: per-environment seed data, applied once per checksum. */
class SeedRunnerTest {

    final TestPostgres pg = TestPostgres.get();
    Path seeds;
    Path schema;
    String database;
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        nightshift.close();
    }

    @Test
    void seedAppliesEssentialThenTheEnvironmentsClassInNameOrderAndSkipsWhatIsUnchanged() throws Exception {
        // given essential, staging and development seeds; 002 needs the table 001 creates
        given(new Environment(), "staging");
        seed("essential", "001_roles.sql", "CREATE TABLE IF NOT EXISTS roles (name text PRIMARY KEY);"
                + " INSERT INTO roles VALUES ('admin') ON CONFLICT DO NOTHING;");
        seed("staging", "002_qa_accounts.sql", "INSERT INTO qa_accounts VALUES ('qa@example.com', 'admin') ON CONFLICT DO NOTHING;");
        seed("staging", "001_qa_table.sql", "CREATE TABLE IF NOT EXISTS qa_accounts (email text PRIMARY KEY, role text REFERENCES roles);");
        seed("development", "001_dev.sql", "CREATE TABLE dev_only (id int);");

        // when seeding staging
        CliResult first = nightshift.cli("seed", "--env", "staging");

        // then essential and staging ran in order, development did not, and each file is recorded with its checksum
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("essential + staging: 3 seed file(s) applied (essential/001_roles.sql,"
                + " staging/001_qa_table.sql, staging/002_qa_accounts.sql), 0 unchanged");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM qa_accounts")).isEqualTo(1);
        assertThat(pg.queryLong(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'dev_only'")).isZero();
        assertThat(pg.queryLong(database, "SELECT count(*) FROM nightshift_seed_history WHERE length(checksum) = 64")).isEqualTo(3);

        // and a second run applies nothing, and a changed file runs again, alone
        assertThat(nightshift.cli("seed", "--env", "staging").out()).contains("0 seed file(s) applied, 3 unchanged");
        seed("staging", "002_qa_accounts.sql", "INSERT INTO qa_accounts VALUES ('qa@example.com', 'admin'), ('qa2@example.com', 'admin')"
                + " ON CONFLICT DO NOTHING;");
        CliResult changed = nightshift.cli("seed", "--env", "staging");
        assertThat(changed.out()).contains("1 seed file(s) applied (staging/002_qa_accounts.sql), 2 unchanged");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM qa_accounts")).isEqualTo(2);
    }

    @Test
    void aFailingSeedFileIsRolledBackWholeAndNotRecorded() throws Exception {
        given(new Environment(), "staging");
        seed("essential", "001_roles.sql", "CREATE TABLE IF NOT EXISTS roles (name text PRIMARY KEY);");
        seed("staging", "001_broken.sql", "INSERT INTO roles VALUES ('qa'); INSERT INTO no_such_table VALUES (1);");

        CliResult result = nightshift.cli("seed", "--env", "staging");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("seed staging/001_broken.sql failed and was rolled back").contains("no_such_table");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM roles")).isZero();
        assertThat(pg.queryLong(database, "SELECT count(*) FROM nightshift_seed_history")).isEqualTo(1);
    }

    @Test
    void aCopyOfASeededDatabaseIsSeededAgainBecauseTheHistoryDescribesTheDatabaseItLivesIn() throws Exception {
        // given a seeded database, then copied (as a restore or a sync into a new database would), rows and history alike
        given(new Environment().setting("seeds: staging"), "prod");
        seed("essential", "001_roles.sql", "CREATE TABLE IF NOT EXISTS roles (name text PRIMARY KEY, seeded_into text);"
                + " INSERT INTO roles VALUES ('admin', current_database()) ON CONFLICT (name) DO UPDATE SET seeded_into = excluded.seeded_into;");
        assertThat(nightshift.cli("seed", "--env", "prod").exitCode()).isZero();
        String copy = pg.createDatabase("seed_copy");
        pg.dropDatabase(copy);
        pg.execute("postgres", "CREATE DATABASE " + copy + " TEMPLATE " + database);
        try {
            // when seeding the copy
            try (var c = pg.connect(copy)) {
                SeedReport report = new SeedRunner(null) {
                    @Override
                    java.util.List<Path> files(String logical, String cls) {
                        return cls.equals(ESSENTIAL) ? java.util.List.of(seeds.resolve("auth/essential/001_roles.sql")) : java.util.List.of();
                    }
                }.apply(c, "auth", "staging");

                // then the rows copied from the original do not count as seeded here: the file ran in the copy
                assertThat(report.applied()).containsExactly("essential/001_roles.sql");
            }
            assertThat(pg.queryLong(copy, "SELECT count(*) FROM roles WHERE seeded_into = current_database()")).isEqualTo(1);
            assertThat(pg.queryLong(copy, "SELECT count(DISTINCT database_identity) FROM nightshift_seed_history")).isEqualTo(1);
        } finally {
            pg.dropDatabase(copy);
        }
    }

    @Test
    void migrateSchemaAppliesOnlyTheEssentialSeedsAfterTheMigrations() throws Exception {
        given(new Environment(), "staging");
        Files.createDirectories(schema.resolve("auth"));
        Files.writeString(schema.resolve("auth/V001__initial_schema.sql"), "CREATE TABLE roles (name text PRIMARY KEY);\n");
        seed("essential", "001_roles.sql", "INSERT INTO roles VALUES ('admin') ON CONFLICT DO NOTHING;");
        seed("staging", "001_qa.sql", "INSERT INTO roles VALUES ('qa') ON CONFLICT DO NOTHING;");

        CliResult result = nightshift.cli("migrate-schema", "--env", "staging", "migrate");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("essential seeds: 1 seed file(s) applied (essential/001_roles.sql)");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM roles WHERE name = 'admin'")).isEqualTo(1);
        assertThat(pg.queryLong(database, "SELECT count(*) FROM roles WHERE name = 'qa'")).isZero();
    }

    @Test
    void aProtectedEnvironmentNeedsConfirmationAndAnUnknownClassIsAConfigurationError() throws Exception {
        given(new Environment().protectedEnvironment().setting("seeds: stagng"), "prod");
        seed("essential", "001_roles.sql", "CREATE TABLE roles (name text PRIMARY KEY);");

        CliResult refused = nightshift.cli("seed", "--env", "prod");
        CliResult misconfigured = nightshift.cli("seed", "--env", "prod", "--confirm-production");

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("--confirm-production");
        assertThat(misconfigured.exitCode()).isEqualTo(2);
        assertThat(misconfigured.err()).contains("nightshift.environments.prod.seeds is 'stagng'");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'roles'")).isZero();
    }

    private void seed(String seedClass, String name, String sql) throws IOException {
        Path directory = seeds.resolve("auth").resolve(seedClass);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(name), sql + "\n");
    }

    private void given(Environment environment, String name) throws IOException {
        database = pg.createDatabase("seed");
        seeds = Files.createTempDirectory("nightshift-seeds");
        schema = Files.createTempDirectory("nightshift-schema");
        nightshift = NightshiftFixture.builder().environment(name, environment.database("auth", database))
                .setting("migration: {schema-directory: " + schema + ", seed-directory: " + seeds + "}")
                .dropOnClose(database).build();
    }
}
