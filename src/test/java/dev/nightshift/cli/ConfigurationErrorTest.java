package dev.nightshift.cli;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad configuration and bad input end with exit 2 and one line that says what is wrong and how to fix it,
 * before any work starts; and the password shows up nowhere.
 */
class ConfigurationErrorTest {

    static final TestPostgres pg = TestPostgres.get();
    static String database;
    static NightshiftFixture nightshift;
    static int closedPort;

    @BeforeAll
    static void setUp() throws Exception {
        database = pg.createDatabase("config_app");
        pg.execute(database, "CREATE TABLE t (id int)");
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", database))
                .environment("nopassword", new Environment().database("app", database).password(""))
                .environment("unset", new Environment().database("app", database).password("${NIGHTSHIFT_TEST_UNSET_PASSWORD}"))
                .environment("wrongpassword", new Environment().database("app", database).password("not-the-password"))
                .environment("unreachable", new Environment().database("app", database).port(closedPort))
                .dropOnClose(database)
                .build();
    }

    @AfterAll
    static void cleanUp() {
        nightshift.close();
    }

    @Test
    void unknownEnvironmentNamesTheConfiguredOnes() {
        CliResult result = nightshift.cli("backup", "--env", "prdo");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown environment 'prdo'").contains("prod, nopassword");
    }

    @Test
    void unknownDatabaseNamesTheEnvironmentsDatabases() {
        CliResult result = nightshift.cli("backup", "--env", "prod", "--database", "billing");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown database 'billing' in environment 'prod'; its databases are: app");
    }

    @Test
    void missingPasswordSaysWhichPropertyToSet() {
        CliResult result = nightshift.cli("backup", "--env", "nopassword");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no password for environment 'nopassword'")
                .contains("nightshift.environments.nopassword.password");
    }

    @Test
    void unresolvedPasswordVariableIsNamed() {
        CliResult result = nightshift.cli("backup", "--env", "unset");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("NIGHTSHIFT_TEST_UNSET_PASSWORD").contains("not set");
    }

    @Test
    void unreachableServerIsAConfigurationErrorBeforeAnyJobStarts() {
        CliResult result = nightshift.cli("backup", "--env", "unreachable");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("cannot connect to unreachable/app").contains(":" + closedPort)
                .contains("check nightshift.environments.unreachable");
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.batch_job_execution_params"
                + " WHERE parameter_name = 'environment' AND parameter_value = 'unreachable'")).isZero();
    }

    @Test
    void wrongPasswordIsReportedWithoutEchoingIt() {
        CliResult result = nightshift.cli("backup", "--env", "wrongpassword");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("password authentication failed");
        assertThat(result.all()).doesNotContain("not-the-password");
    }

    @Test
    void usageErrorsExitWith2AndPointToHelp() {
        CliResult missing = nightshift.cli("backup");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--env=ENV'").contains("nightshift backup --help");

        CliResult badVerify = nightshift.cli("backup", "--env", "prod", "--verify", "sometimes");
        assertThat(badVerify.exitCode()).isEqualTo(2);
        assertThat(badVerify.err()).contains("--verify must be list or restore");
    }

    @Test
    void missingConfigFileIsNamed() {
        CliResult result = nightshift.cli("--config", "/nonexistent/nightshift.yml", "backups", "--env", "prod");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("/nonexistent/nightshift.yml does not exist");
    }

    @Test
    void unreachableOpsDatabaseIsAConfigurationError() throws Exception {
        // given a second configuration file that points the ops database at a closed port
        java.nio.file.Path override = nightshift.home().resolve("bad-ops.yml");
        java.nio.file.Files.writeString(override, "nightshift.ops-database.url: jdbc:postgresql://127.0.0.1:" + closedPort + "/ops\n");

        CliResult result = nightshift.cli("--config", override.toString(), "backups", "--env", "prod");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("cannot use the ops database (nightshift.ops-database.url)")
                .contains(":" + closedPort);
        assertThat(result.all()).doesNotContain("at org.springframework");
    }

    @Test
    void helpShowsExamplesWithoutTouchingAnyDatabase() {
        CliResult result = nightshift.cli("backup", "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Examples:").contains("nightshift backup --env prod --database auth");
    }

    @Test
    void passwordAppearsInNoLogLineAndNoJobRepositoryTable() throws Exception {
        // given a backup and a restore that ran with the real password
        CliResult backup = nightshift.cli("backup", "--env", "prod", "--verify", "restore");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        CliResult jobs = nightshift.cli("jobs", "show", "1");

        // then neither their output nor any row of the ops database contains it
        assertThat(backup.all() + jobs.all()).doesNotContain(pg.password());
        assertThat(dumpOfOpsDatabase()).contains("nightshift.batch_job_execution").doesNotContain(pg.password());
    }

    private static String dumpOfOpsDatabase() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(pg.binDir().resolve("pg_dump").toString(), "--data-only", "--inserts",
                "-h", pg.host(), "-p", Integer.toString(pg.port()), "-U", pg.user(), nightshift.opsDatabase());
        builder.environment().put("PGPASSWORD", pg.password());
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor()).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
