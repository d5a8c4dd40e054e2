package dev.nightshift.jobs;

import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.postgres.AdvisoryLock;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scratch databases are named after their job execution; a test restore killed mid-restore leaves one behind
 * (with a full copy of the backup in it), and the next job on that server drops it, saying so, while the
 * scratch database of a job that is still alive stays.
 */
class ScratchDatabasesTest {

    static final TestPostgres pg = TestPostgres.get();
    String prod;
    String staging;
    String liveJobsScratch;
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        if (nightshift != null) {
            nightshift.close();
            pg.dropDatabase(liveJobsScratch);
        }
    }

    @Test
    void aKilledTestRestoresScratchDatabaseIsDroppedByTheNextJobOnThatServer() throws Exception {
        // given a verified backup of prod, and staging as the server of scratch restores
        prod = pg.createDatabase("scratch_prod");
        staging = pg.createDatabase("scratch_staging");
        try (Connection c = pg.connect(prod)) {
            DemoDatabase.createSchema(c);
            DemoDatabase.fill(c, 20, 2);
        }
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("auth", prod).protectedEnvironment().data("masked"))
                .environment("staging", new Environment().database("auth", staging))
                .backupSetting("verify-environment: staging")
                .dropOnClose(prod).dropOnClose(staging)
                .build();
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();

        // and a test restore whose process died (halted as by SIGKILL) with its scratch database loaded
        Process testRestore = nightshift.spawn(Map.of("NIGHTSHIFT_FAILPOINT", "scratch-restore.after-load"),
                "backups", "test-restore", "--env", "prod");
        assertThat(testRestore.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(testRestore.exitValue()).as(nightshift.spawnOutput()).isEqualTo(137);
        long killed = pg.queryLong(nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
        String leftover = ScratchDatabases.name("test_restore", killed);
        assertThat(pg.queryLong(leftover, "SELECT count(*) FROM users")).as("the leftover holds the backup's rows").isEqualTo(20);

        // and one an earlier version left (random suffix, no job id)
        String older = "nightshift_verify_0badc0de";
        pg.execute("postgres", "CREATE DATABASE " + older);

        // and the scratch database of a job that is alive (its liveness lock is held)
        long alive = killed + 1000;
        liveJobsScratch = ScratchDatabases.name("rehearse", alive);
        pg.execute("postgres", "CREATE DATABASE " + liveJobsScratch);
        try (AdvisoryLock lock = AdvisoryLock.tryAcquire(nightshift.opsDataSource(), JobLiveness.lockName(alive), "a live job").orElseThrow()) {

            // when the next job runs on staging's server
            CliResult next = nightshift.cli("backup", "--env", "staging");

            // then it dropped the dead job's scratch database, said so, and kept the live one's
            assertThat(next.exitCode()).as(next.all()).isZero();
            assertThat(next.all()).contains("dropped scratch database " + leftover)
                    .contains("job execution " + killed + ", whose process is gone");
            assertThat(exists(leftover)).isFalse();
            assertThat(exists(older)).isFalse();
            assertThat(next.all()).contains("dropped scratch database " + older);
            assertThat(exists(liveJobsScratch)).isTrue();
        }
    }

    @Test
    void namesCarryThePurposeAndTheJobExecution() {
        assertThat(ScratchDatabases.name("verify", 42)).isEqualTo("nightshift_scratch_verify_42");
        assertThat(ScratchDatabases.executionOf("nightshift_scratch_test_restore_7")).contains(7L);
        assertThat(ScratchDatabases.executionOf("nightshift_scratch_verify_")).isEmpty();
        assertThat(ScratchDatabases.executionOf("auth")).isEmpty();
    }

    private static boolean exists(String database) {
        return pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + database + "'") == 1;
    }
}
