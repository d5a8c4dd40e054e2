package dev.nightshift.migration.schema;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** migrate-schema: Flyway behind a verified backup, validation, and the versions other tools keep. */
class SchemaMigrationTest {

    final TestPostgres pg = TestPostgres.get();
    String database;
    Path schemaDirectory;
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        nightshift.close();
    }

    @Test
    void migrateTakesAVerifiedBackupFirstAndNamesItForUndo() throws Exception {
        // given two pending migrations
        given(false, null);

        // when migrating
        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "migrate");

        // then a backup was taken first, the schema is at version 002, and the report says how to undo
        assertThat(result.exitCode()).as(result.toString()).isZero();
        long backupId = pg.queryLong(nightshift.opsDatabase(), "SELECT max(id) FROM nightshift.backup WHERE verified");
        assertThat(result.out()).contains("migrated from version (none) to 002 (2 migration(s))")
                .contains("backup before: #" + backupId)
                .contains("to undo: nightshift restore --env prod --database auth --backup " + backupId + " --into prod");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'role'"))
                .isEqualTo(1);

        // and running it again finds nothing to do and takes no second backup
        CliResult again = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "migrate");
        assertThat(again.out()).contains("schema up to date at version 002; nothing to migrate, no backup taken");
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.backup")).isEqualTo(1);
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.data_migration_history"
                + " WHERE kind = 'schema' AND outcome = 'COMPLETED'")).isEqualTo(1);
    }

    @Test
    void migrateRefusesWhenThePreMigrationBackupFails() throws Exception {
        // given a pg_dump that fails
        given(false, failingPgDump());

        // when migrating
        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "migrate");

        // then nothing was migrated and the message says why
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("pre-migration backup").contains("the schema was not migrated");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM pg_tables WHERE tablename IN ('users', 'flyway_schema_history')")).isZero();
    }

    @Test
    void aProtectedEnvironmentNeedsConfirmationBeforeEvenTheBackup() throws Exception {
        given(true, null);

        CliResult refused = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "migrate");

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("--confirm-production");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'users'")).isZero();
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.batch_job_execution")).isZero();
    }

    @Test
    void validateFindsAnAppliedMigrationThatWasEditedAfterwards() throws Exception {
        // given applied migrations, one of them edited afterwards
        given(false, null);
        assertThat(nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "migrate").exitCode()).isZero();
        Files.writeString(schemaDirectory.resolve("auth/V001__initial_schema.sql"),
                "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, edited boolean);\n");

        // when validating
        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "validate");

        // then the mismatch is named
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("validation failed").contains("V001").containsIgnoringCase("checksum");
    }

    @Test
    void anExistingSchemaIsAdoptedAtTheBaselineVersionAndOnlyLaterVersionsRun() throws Exception {
        // given a database whose users table predates Nightshift, and the baseline version configured
        given(false, null, "schema-baseline-version: \"001\"");
        pg.execute(database, "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL)");

        // when migrating
        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "migrate");

        // then V001 was recorded as the baseline, not run, and V002 ran
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("to 002 (1 migration(s))");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM flyway_schema_history WHERE type = 'BASELINE' AND version = '001'")).isEqualTo(1);
        assertThat(pg.queryLong(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'role'"))
                .isEqualTo(1);
    }

    @Test
    void infoShowsFlywayVersionsAndTheVersionsAlembicAndPrismaKeep() throws Exception {
        // given a database another team manages with Alembic and Prisma
        given(false, null);
        pg.execute(database, """
                CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
                INSERT INTO alembic_version VALUES ('ae1027a6acf');
                CREATE TABLE _prisma_migrations (id text PRIMARY KEY, migration_name text NOT NULL, started_at timestamptz NOT NULL DEFAULT now(),
                                                 finished_at timestamptz, rolled_back_at timestamptz);
                INSERT INTO _prisma_migrations VALUES ('1', '20240101_init', now(), now(), NULL), ('2', '20240301_roles', now(), now() + interval '1 s', NULL);
                """);

        // when asking for info
        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "info");

        // then all three are reported
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("version (none), 2 pending").contains("initial schema").contains("add user roles")
                .contains("Alembic: revision ae1027a6acf (public.alembic_version)")
                .contains("Prisma: 2 migration(s) applied, latest 20240301_roles");
    }

    private void given(boolean protectedEnvironment, Path binDir) throws IOException {
        given(protectedEnvironment, binDir, null);
    }

    private void given(boolean protectedEnvironment, Path binDir, String migrationSetting) throws IOException {
        database = pg.createDatabase("schema");
        schemaDirectory = Files.createTempDirectory("nightshift-schema");
        Files.createDirectories(schemaDirectory.resolve("auth"));
        Files.writeString(schemaDirectory.resolve("auth/V001__initial_schema.sql"),
                "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
        Files.writeString(schemaDirectory.resolve("auth/V002__add_user_roles.sql"),
                "ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'member';\n");
        Environment env = new Environment().database("auth", database);
        if (protectedEnvironment) {
            env.protectedEnvironment();
        }
        NightshiftFixture.Builder builder = NightshiftFixture.builder().environment("prod", env)
                .setting("migration: {schema-directory: " + schemaDirectory + (migrationSetting == null ? "" : ", " + migrationSetting) + "}")
                .dropOnClose(database);
        if (binDir != null) {
            builder.setting("postgres: {bin-dir: " + binDir + "}");
        }
        nightshift = builder.build();
    }

    private Path failingPgDump() throws IOException {
        Path bin = Files.createTempDirectory("nightshift-failing-bin");
        Path real = pg.binDir();
        Path pgDump = bin.resolve("pg_dump");
        Files.writeString(pgDump, "#!/bin/sh\n[ \"$1\" = --version ] && exec \"" + real.resolve("pg_dump") + "\" --version\n"
                + "echo 'pg_dump: error: connection to server failed: injected by the test' >&2\nexit 1\n");
        Files.setPosixFilePermissions(pgDump, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(bin.resolve("pg_restore"), real.resolve("pg_restore"));
        return bin;
    }
}
