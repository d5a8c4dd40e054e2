package dev.nightshift.migration.schema;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** migrate-schema rollback: undo scripts, newest first, behind a verified backup, and Flyway's history in step. */
class SchemaRollbackTest {

    final TestPostgres pg = TestPostgres.get();
    String database;
    Path schemaDirectory;
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        nightshift.close();
    }

    @Test
    void rollingBackToAVersionAndForwardAgainGivesTheSameSchema() throws Exception {
        // given three applied versions, the last two with undo scripts (one of them CONCURRENTLY)
        given(false);
        String atVersion1 = schemaAtVersion1();
        laterVersions();
        undo("U002__add_user_roles.sql", "ALTER TABLE users DROP COLUMN role;");
        undo("U003__index_roles.sql", "DROP INDEX CONCURRENTLY users_role_idx;");
        migrate();
        String atVersion3 = DatabaseSnapshot.schema(database);
        pg.execute(database, "INSERT INTO users VALUES (1, 'kept@example.com', 'admin')");

        // when rolling back to 001
        CliResult rollback = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "rollback", "--to", "001");

        // then the schema is what version 001 made, the rows are kept, a backup was taken first, and Flyway agrees
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.out()).contains("rolled back to version 001, undone: 003, 002")
                .contains("backup before: #" + pg.queryLong(nightshift.opsDatabase(), "SELECT max(id) FROM nightshift.backup WHERE verified"));
        assertThat(DatabaseSnapshot.schema(database)).isEqualTo(atVersion1);
        assertThat(pg.queryLong(database, "SELECT count(*) FROM users WHERE email = 'kept@example.com'")).isEqualTo(1);
        assertThat(pg.queryLong(database, "SELECT count(*) FROM flyway_schema_history WHERE version IN ('002', '003')")).isZero();
        CliResult info = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "info");
        assertThat(info.out()).contains("version 001, 2 pending");
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.data_migration_history"
                + " WHERE kind = 'schema' AND outcome = 'ROLLED-BACK'")).isEqualTo(1);

        // and migrating forward again gives the schema of version 003 once more
        CliResult forward = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "migrate");
        assertThat(forward.exitCode()).as(forward.toString()).isZero();
        assertThat(forward.out()).contains("migrated from version 001 to 003 (2 migration(s))");
        assertThat(DatabaseSnapshot.schema(database)).isEqualTo(atVersion3);
    }

    @Test
    void rollingBackAcrossAnIrreversibleVersionIsRefusedUnlessForced() throws Exception {
        // given version 002 without an undo script, version 003 with one
        given(false);
        laterVersions();
        undo("U003__index_roles.sql", "DROP INDEX CONCURRENTLY users_role_idx;");
        migrate();
        String atVersion3 = DatabaseSnapshot.schema(database);

        // when info lists them, and a rollback to 001 is asked for
        CliResult info = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "info");
        CliResult refused = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "rollback", "--to", "001");

        // then 002 shows as irreversible, the rollback is refused naming it, and nothing changed (not even a backup)
        assertThat(info.out()).containsPattern("002\\s+add user roles\\s+Success\\s+irreversible")
                .containsPattern("003\\s+index roles\\s+Success\\s+reversible");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("irreversible").contains("V002 (add user roles)").contains("--force");
        assertThat(DatabaseSnapshot.schema(database)).isEqualTo(atVersion3);
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.backup")).isEqualTo(1);

        // and a rollback that stops above it is allowed
        CliResult toTwo = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "rollback", "--to", "002");
        assertThat(toTwo.exitCode()).as(toTwo.toString()).isZero();
        assertThat(pg.queryLong(database, "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_role_idx'")).isZero();

        // and --force removes 002's history row but leaves its column in place
        CliResult forced = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "rollback", "--to", "001", "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(forced.out()).contains("002 (irreversible: history row removed, changes left in place)");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'role'")).isEqualTo(1);
    }

    @Test
    void aFailingUndoRollsBackItsOwnTransactionAndKeepsTheVersionApplied() throws Exception {
        // given an undo script whose second statement fails
        given(false);
        laterVersions();
        undo("U002__add_user_roles.sql", "ALTER TABLE users DROP COLUMN role; ALTER TABLE no_such_table DROP COLUMN x;");
        undo("U003__index_roles.sql", "DROP INDEX CONCURRENTLY users_role_idx;");
        migrate();

        // when rolling back to 001
        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "rollback", "--to", "001");

        // then 003 was undone, 002 was not (its column is still there), and Flyway says 002
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("the undo of version 002 failed").contains("no_such_table")
                .contains("after undoing 003").contains("schema now at version 002").contains("nightshift restore");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'role'")).isEqualTo(1);
        assertThat(pg.queryLong(database, "SELECT count(*) FROM flyway_schema_history WHERE version = '002'")).isEqualTo(1);
    }

    @Test
    void aProtectedEnvironmentNeedsConfirmationToRollBack() throws Exception {
        given(true);
        laterVersions();
        undo("U002__add_user_roles.sql", "ALTER TABLE users DROP COLUMN role;");
        undo("U003__index_roles.sql", "DROP INDEX CONCURRENTLY users_role_idx;");
        assertThat(nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "migrate", "--confirm-production")
                .exitCode()).isZero();

        CliResult refused = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "rollback", "--to", "001");

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("--confirm-production");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM flyway_schema_history WHERE version = '003'")).isEqualTo(1);
    }

    /** Migrates to 001 alone (the later files are not there yet): the schema a rollback to 001 must give back. */
    private String schemaAtVersion1() {
        migrate();
        return DatabaseSnapshot.schema(database);
    }

    private void migrate() {
        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "migrate");
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private void undo(String name, String sql) throws IOException {
        Files.writeString(schemaDirectory.resolve("auth").resolve(name), sql + "\n");
    }

    private void given(boolean protectedEnvironment) throws IOException {
        database = pg.createDatabase("rollback");
        schemaDirectory = Files.createTempDirectory("nightshift-schema");
        Files.createDirectories(schemaDirectory.resolve("auth"));
        Files.writeString(schemaDirectory.resolve("auth/V001__initial_schema.sql"),
                "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
        fixture(protectedEnvironment);
    }

    private void laterVersions() throws IOException {
        Files.writeString(schemaDirectory.resolve("auth/V002__add_user_roles.sql"),
                "ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'member';\n");
        Files.writeString(schemaDirectory.resolve("auth/V003__index_roles.sql"),
                "CREATE INDEX CONCURRENTLY users_role_idx ON users (role);\n");
    }

    private void fixture(boolean protectedEnvironment) {
        Environment env = new Environment().database("auth", database);
        if (protectedEnvironment) {
            env.protectedEnvironment();
        }
        nightshift = NightshiftFixture.builder().environment("prod", env)
                .setting("migration: {schema-directory: " + schemaDirectory + "}")
                .dropOnClose(database).build();
    }
}
