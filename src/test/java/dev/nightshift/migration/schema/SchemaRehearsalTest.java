package dev.nightshift.migration.schema;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** migrate-schema rehearse: pending versions tried on a restored copy, measured, undone, compared and applied again. */
class SchemaRehearsalTest {

    final TestPostgres pg = TestPostgres.get();
    String database;
    Path schemaDirectory;
    Path reports;
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        nightshift.close();
    }

    @Test
    void rehearseReportsLocksAndRewritesPerStatementAndFlagsWhatBlocksWrites() throws Exception {
        // given a backed-up database at version 001 with rows, and three pending versions, each with a faithful undo
        given(false, "rehearsal-block-threshold: 0ms");
        version("V002__widen_score.sql", "ALTER TABLE users ALTER COLUMN score TYPE bigint;");
        version("U002__widen_score.sql", "ALTER TABLE users ALTER COLUMN score TYPE integer;");
        version("V003__index_email.sql", "CREATE INDEX users_email_idx ON users (email);");
        version("U003__index_email.sql", "DROP INDEX users_email_idx;");
        version("V004__index_score.sql", "CREATE INDEX CONCURRENTLY users_score_idx ON users (score);");
        version("U004__index_score.sql", "DROP INDEX CONCURRENTLY users_score_idx;");

        // when rehearsing
        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "rehearse", "--report-dir", reports.toString());

        // then ALTER COLUMN TYPE took ACCESS EXCLUSIVE and rewrote the table, CREATE INDEX took SHARE, CONCURRENTLY blocked nothing
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode versions = json().get("versions");
        assertThat(versions).hasSize(3);
        JsonNode alter = statement(versions.get(0));
        assertThat(alter.get("locks").get("public.users").asString()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(alter.get("rewritten").get(0).asString()).isEqualTo("public.users");
        assertThat(alter.get("flagged").asBoolean()).isTrue();
        assertThat(alter.get("saferForm").asString()).contains("add a new column, backfill");
        JsonNode index = statement(versions.get(1));
        assertThat(index.get("locks").get("public.users").asString()).isEqualTo("SHARE");
        assertThat(index.get("rewritten")).isEmpty();
        assertThat(index.get("saferForm").asString()).contains("CREATE INDEX CONCURRENTLY");
        JsonNode concurrently = statement(versions.get(2));
        assertThat(versions.get(2).get("transactional").asBoolean()).isFalse();
        assertThat(concurrently.get("writesBlockedMillis").asLong()).isZero();
        assertThat(concurrently.get("flagged").asBoolean()).isFalse();
        assertThat(concurrently.get("locks").toString()).doesNotContain("ACCESS EXCLUSIVE").doesNotContain("\"SHARE\"");
        versions.forEach(v -> assertThat(v.get("undo").asString()).isEqualTo("restored"));
        assertThat(result.out()).contains("Schema version 001 (as live)").contains("ACCESS EXCLUSIVE").contains("BLOCKS WRITES").contains("report: ");
        assertThat(reportFiles()).anyMatch(f -> f.toString().endsWith(".md"));

        // and the live database was not touched, and the scratch database is gone
        assertThat(pg.queryLong(database, "SELECT count(*) FROM flyway_schema_history WHERE version > '001'")).isZero();
        assertThat(pg.queryLong(database, "SELECT count(*) FROM pg_indexes WHERE tablename = 'users' AND indexname <> 'users_pkey'")).isZero();
        assertThat(scratchDatabases()).isZero();
    }

    @Test
    void anUndoThatDoesNotRestoreTheSchemaIsCaughtAndTheDifferenceShown() throws Exception {
        // given an undo that forgets to drop the column its migration adds
        given(false, null);
        version("V002__add_nickname.sql", "ALTER TABLE users ADD COLUMN nickname text NOT NULL DEFAULT '';");
        version("U002__add_nickname.sql", "ALTER TABLE users ALTER COLUMN nickname DROP NOT NULL;");

        // when rehearsing
        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "rehearse", "--report-dir", reports.toString());

        // then it fails and shows what the undo left behind
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("DID NOT restore the schema").contains("+ ").contains("nickname");
        assertThat(result.err()).contains("the rehearsal failed");
        assertThat(json().get("versions").get(0).get("schemaDifference").toString()).contains("nickname");
        assertThat(scratchDatabases()).isZero();
    }

    @Test
    void aFailingVersionIsReportedWithoutTheRowsPostgresQuotesInItsDetail() throws Exception {
        // given a unique index that the copied rows violate: PostgreSQL's DETAIL would quote the duplicated address
        given(false, null);
        pg.execute(database, "UPDATE users SET email = 'dup-secret@example.com' WHERE id IN (1, 2)");
        assertThat(nightshift.cli("backup", "--env", "prod", "--database", "auth", "--run-key=z").exitCode()).isZero();
        version("V002__unique_email.sql", "CREATE UNIQUE INDEX users_email_key ON users (email);");
        version("U002__unique_email.sql", "DROP INDEX users_email_key;");

        // when rehearsing
        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "rehearse", "--report-dir", reports.toString());

        // then it fails with PostgreSQL's primary message, and no report line holds the row
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("applying it failed").contains("could not create unique index").contains("23505");
        assertThat(result.all()).doesNotContain("dup-secret");
        for (Path file : reportFiles()) {
            assertThat(Files.readString(file)).doesNotContain("dup-secret");
        }
        assertThat(scratchDatabases()).isZero();
    }

    @Test
    void sqlPrintsThePendingSqlAndRunsNothing() throws Exception {
        given(false, null);
        version("V002__add_nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;");
        long backups = pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.backup");

        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "rehearse", "--sql");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("V002 add nickname (V002__add_nickname.sql; undo: none, irreversible)")
                .contains("ALTER TABLE users ADD COLUMN nickname text;");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'nickname'")).isZero();
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.backup")).isEqualTo(backups);
        assertThat(scratchDatabases()).isZero();
    }

    @Test
    void aProtectedEnvironmentsServerGetsNoScratchDatabaseWithoutConfirmation() throws Exception {
        given(true, null);
        version("V002__add_nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;");

        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "rehearse");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("--confirm-production");
        assertThat(scratchDatabases()).isZero();
    }

    private static JsonNode statement(JsonNode version) {
        assertThat(version.get("statements")).as(version.toString()).hasSize(1);
        return version.get("statements").get(0);
    }

    private JsonNode json() throws IOException {
        Path file = reportFiles().stream().filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        return JsonMapper.builder().build().readTree(Files.readString(file));
    }

    private List<Path> reportFiles() throws IOException {
        try (Stream<Path> files = Files.walk(reports)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private long scratchDatabases() {
        return pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'nightshift\\_scratch\\_rehearse\\_%'");
    }

    private void version(String name, String sql) throws IOException {
        Files.writeString(schemaDirectory.resolve("auth").resolve(name), sql + "\n");
    }

    /** A database at version 001 with 20 000 users, and a verified backup of it taken after the migration. */
    private void given(boolean protectedEnvironment, String migrationSetting) throws IOException {
        database = pg.createDatabase("rehearse");
        schemaDirectory = Files.createTempDirectory("nightshift-schema");
        reports = Files.createTempDirectory("nightshift-reports");
        Files.createDirectories(schemaDirectory.resolve("auth"));
        version("V001__initial_schema.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, score integer NOT NULL);");
        Environment env = new Environment().database("auth", database);
        if (protectedEnvironment) {
            env.protectedEnvironment();
        }
        nightshift = NightshiftFixture.builder().environment("prod", env)
                .setting("migration: {schema-directory: " + schemaDirectory + (migrationSetting == null ? "" : ", " + migrationSetting) + "}")
                .dropOnClose(database).build();
        String confirm = protectedEnvironment ? "--confirm-production" : "--run-key=x";
        assertThat(nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "migrate", confirm).exitCode()).isZero();
        pg.execute(database, "INSERT INTO users SELECT i, 'user' || i || '@example.com', i % 1000 FROM generate_series(1, 20000) i");
        CliResult backup = nightshift.cli("backup", "--env", "prod", "--database", "auth", confirm.equals("--run-key=x") ? "--run-key=y" : confirm);
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
    }
}
