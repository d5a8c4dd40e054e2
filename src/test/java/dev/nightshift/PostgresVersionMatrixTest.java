package dev.nightshift;

import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.postgres.PostgresInstallation;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import dev.nightshift.testsupport.VersionedPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog queries and the client choice on PostgreSQL 13, 14, 16 and 17 servers (the local installation's
 * version runs in every other test): the maintenance report, a data migration's batches and health checks,
 * the sync's rule validation against the live catalog; backups and a masked sync from servers older than the
 * local pg_dump; a clear refusal, before anything is written, for a server newer than every installed pg_dump.
 */
class PostgresVersionMatrixTest {

    private static final TestPostgres LOCAL = TestPostgres.get();

    static List<Integer> majors() {
        return VersionedPostgres.majors();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void catalogQueriesWorkOnEveryVersion(int major) throws Exception {
        // given
        VersionedPostgres server = VersionedPostgres.get(major);
        String db = demoDatabase(server);
        Path migrations = Files.createTempDirectory("migrations");
        Files.writeString(migrations.resolve("touch_users.yml"), """
                description: Touch every user in small batches
                database: auth
                table: public.users
                key: id
                batch: "UPDATE users SET updated_at = updated_at WHERE {key_range}"
                remaining: "SELECT 0"
                """);
        try (NightshiftFixture fixture = fixture(server, db, "migration: {directory: \"" + migrations + "\", batch-size: 20}")) {
            // when
            CliResult report = fixture.cli("maintain", "--env", "v" + major, "--report-only", "--report-dir",
                    fixture.home().resolve("reports").toString());
            CliResult migration = fixture.cli("migrate-data", "touch_users", "--env", "v" + major);
            CliResult rules = fixture.cli("sync", "--from", "v" + major, "--to", "local", "--check");

            // then
            assertThat(report.exitCode()).as(report.toString()).isZero();
            assertThat(jsonReports(fixture.home().resolve("reports"))).as("maintenance report of PostgreSQL " + major).hasSize(1);
            assertThat(migration.exitCode()).as(migration.toString()).isZero();
            assertThat(rules.all()).as(rules.toString()).doesNotContain("ERROR:").doesNotContainIgnoringCase("syntax error")
                    .doesNotContain("does not exist");
            if (clientHandles(major)) {
                assertThat(rules.exitCode()).as(rules.toString()).isZero();
            }
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 14})
    void olderServersAreBackedUpAndSyncedWithTheLocalClient(int major) throws Exception {
        // given
        VersionedPostgres server = VersionedPostgres.get(major);
        String db = demoDatabase(server);
        try (NightshiftFixture fixture = fixture(server, db, null)) {
            // when
            CliResult backup = fixture.cli("backup", "--env", "v" + major);
            CliResult sync = fixture.cli("sync", "--from", "v" + major, "--to", "local", "--source", "live");

            // then
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            assertThat(sync.exitCode()).as(sync.toString()).isZero();
            assertThat(LOCAL.queryLong(localDatabase, "SELECT count(*) FROM users")).isEqualTo(40);
            assertThat(LOCAL.queryLong(localDatabase, "SELECT count(*) FROM users WHERE email NOT LIKE '%@test.example.com'"))
                    .as("unmasked emails").isZero();
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {16, 17})
    void aServerNewerThanEveryPgDumpIsRefusedBeforeAnythingIsWritten(int major) throws Exception {
        Assumptions.assumeFalse(clientHandles(major), "a pg_dump " + major + "+ is installed here");
        // given
        VersionedPostgres server = VersionedPostgres.get(major);
        String db = demoDatabase(server);
        try (NightshiftFixture fixture = fixture(server, db, null)) {
            // when
            CliResult backup = fixture.cli("backup", "--env", "v" + major);
            CliResult sync = fixture.cli("sync", "--from", "v" + major, "--to", "local");

            // then
            for (CliResult refused : List.of(backup, sync)) {
                assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
                assertThat(refused.err()).contains("postgresql-client-" + major).contains("nightshift.postgres.bin-dir")
                        .doesNotContain("jobs restart");
            }
            assertThat(LOCAL.queryLong(fixture.opsDatabase(), "SELECT count(*) FROM nightshift.batch_job_execution"))
                    .as("job executions started").isZero();
            assertThat(LOCAL.queryLong(localDatabase, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                    .as("tables written into the sync's target").isZero();
            assertThat(fixture.backupDirectory()).satisfiesAnyOf(dir -> assertThat(dir).doesNotExist(),
                    dir -> assertThat(files(dir)).isEmpty());
            assertThat(LOCAL.queryLong(fixture.opsDatabase(), "SELECT count(*) FROM nightshift.backup"))
                    .as("catalog rows").isZero();
        }
    }

    private String localDatabase;

    private NightshiftFixture fixture(VersionedPostgres server, String db, String extraSetting) throws IOException {
        localDatabase = LOCAL.createDatabase("matrix_local");
        Path salt = Files.createTempFile("salt", ".txt");
        Files.writeString(salt, "matrix-salt-0123456789abcdef");
        NightshiftFixture.Builder builder = NightshiftFixture.builder()
                .environment("v" + server.major(), new Environment().database("auth", db).port(server.port()).password(server.password()))
                .environment("local", new Environment().database("auth", localDatabase))
                .setting("sync: {rules-directory: \"" + Path.of("jobs/masking").toAbsolutePath() + "\", salt-file: \"" + salt
                        + "\", work-directory: \"{home}/sync\"}")
                .dropOnClose(localDatabase);
        if (extraSetting != null) {
            builder.setting(extraSetting);
        }
        return builder.build();
    }

    private static String demoDatabase(VersionedPostgres server) throws Exception {
        String db = server.createDatabase("matrix");
        try (Connection c = server.connect(db)) {
            DemoDatabase.createSchema(c);
            DemoDatabase.fill(c, 40, 7);
        }
        return db;
    }

    private static boolean clientHandles(int major) {
        return PostgresInstallation.binDirsWith("pg_dump").stream()
                .anyMatch(bin -> bin.toString().matches(".*/(\\d+)/bin") && Integer.parseInt(bin.getParent().getFileName().toString()) >= major);
    }

    private static List<Path> jsonReports(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
