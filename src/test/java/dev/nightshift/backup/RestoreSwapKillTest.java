package dev.nightshift.backup;

import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restore whose process dies at any point of its swap (a failpoint halts it as SIGKILL would), then
 * restarted, ends with the target holding the backup, no __incoming and no __replaced left; right after the
 * kill there is a target database (with the old data or the new), never none. The bug it guards: the swap
 * dropped the live database before renaming the copy, so a kill in between left none.
 */
class RestoreSwapKillTest {

    static final TestPostgres pg = TestPostgres.get();
    static String prod;
    static String staging;
    static NightshiftFixture nightshift;

    @BeforeAll
    static void backup() throws Exception {
        prod = pg.createDatabase("restorekill_prod");
        staging = prod.replace("prod", "staging");
        try (Connection c = pg.connect(prod)) {
            DemoDatabase.createSchema(c);
            DemoDatabase.fill(c, 30, 3);
        }
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("auth", prod).protectedEnvironment().data("masked"))
                .environment("staging", new Environment().database("auth", staging))
                .dropOnClose(prod).dropOnClose(staging).dropOnClose(staging + "__incoming").dropOnClose(staging + "__replaced")
                .build();
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();
    }

    @AfterAll
    static void cleanUp() {
        nightshift.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-mark", "after-drop-kept", "after-block", "after-terminate", "in-transaction",
            "after-commit", "after-allow", "before-drop-replaced"})
    void aRestoreKilledAtAnyPointOfItsSwapAndRestartedEndsWithOneLiveCopy(String point) throws Exception {
        // given an old staging database and a stale __replaced
        for (String database : new String[] {staging, staging + "__incoming", staging + "__replaced"}) {
            pg.dropDatabase(database);
        }
        pg.execute("postgres", "CREATE DATABASE " + staging);
        pg.execute("postgres", "CREATE DATABASE " + staging + "__replaced");
        pg.execute(staging, "CREATE TABLE staging_marker (note text)");

        // when the restore's process dies at the failpoint
        Process restore = nightshift.spawn(Map.of("NIGHTSHIFT_FAILPOINT", "restore.swap." + point),
                "restore", "--env", "prod", "--database", "auth", "--into", "staging");
        assertThat(restore.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(restore.exitValue()).as(nightshift.spawnOutput()).isEqualTo(137);

        // then there is a staging database
        assertThat(exists(staging)).as("a staging database right after the kill").isTrue();

        // and when restarted it holds the backup, says so, and nothing is left beside it
        long killed = pg.queryLong(nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
        CliResult restart = nightshift.cli("jobs", "restart", Long.toString(killed));
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(restart.all()).contains("now holds backup #1 of prod/auth");
        assertThat(pg.queryLong(staging, "SELECT count(*) FROM users")).isEqualTo(pg.queryLong(prod, "SELECT count(*) FROM users"));
        assertThat(pg.queryLong(staging, "SELECT count(*) FROM pg_tables WHERE tablename = 'staging_marker'")).isZero();
        assertThat(exists(staging + "__incoming")).isFalse();
        assertThat(exists(staging + "__replaced")).isFalse();
        assertThat(pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datallowconn AND datname = '" + staging + "'"))
                .isEqualTo(1);
    }

    private static boolean exists(String database) {
        return pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + database + "'") == 1;
    }
}
