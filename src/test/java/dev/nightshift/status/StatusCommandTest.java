package dev.nightshift.status;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCommandTest {

    private static final TestPostgres PG = TestPostgres.get();

    @Test
    void aFreshlyBackedUpDatabaseIsOkAndOneWithoutBackupNeedsAttention() {
        // given
        String backedUp = PG.createDatabase("status_a");
        String never = PG.createDatabase("status_b");
        PG.execute(backedUp, "CREATE TABLE t AS SELECT generate_series(1, 100) AS id");
        try (NightshiftFixture fixture = NightshiftFixture.builder()
                .environment("prod", new Environment().database("auth", backedUp).database("user", never))
                .dropOnClose(backedUp).dropOnClose(never).build()) {
            assertThat(fixture.cli("backup", "--env", "prod", "--database", "auth").exitCode()).isZero();

            // when
            CliResult status = fixture.cli("status", "--env", "prod");
            CliResult json = fixture.cli("status", "--env", "prod", "--database", "auth", "--json");

            // then
            assertThat(status.exitCode()).as(status.toString()).isEqualTo(1);
            assertThat(status.out()).containsPattern("ok +prod/auth +127\\.0\\.0\\.1:\\d+ +PostgreSQL \\d+")
                    .containsPattern("ATTENTION +prod/user")
                    .contains("prod/user has no verified backup")
                    .contains("test restore: never; sync: never; maintenance: never run; running: nothing");
            assertThat(json.exitCode()).as(json.toString()).isZero();
            assertThat(json.out()).contains("\"reachable\" : true").contains("\"problems\" : [ ]").contains("\"database\" : \"auth\"");
        }
    }

    @Test
    void anUnreachableServerIsDownAndTheOthersAreStillReported() {
        // given: the second database's entry points at a port nobody listens on
        String db = PG.createDatabase("status_c");
        try (NightshiftFixture fixture = NightshiftFixture.builder()
                .environment("prod", new Environment().database("auth", db).database("gone", "127.0.0.1:1/nowhere"))
                .dropOnClose(db).build()) {
            // when
            CliResult status = fixture.cli("status", "--env", "prod");

            // then
            assertThat(status.exitCode()).isEqualTo(1);
            assertThat(status.out()).containsPattern("DOWN +prod/gone +127\\.0\\.0\\.1:1 +unreachable")
                    .containsPattern("ATTENTION +prod/auth");
        }
    }
}
