package dev.nightshift.jobs;

import dev.nightshift.postgres.AdvisoryLock;
import dev.nightshift.postgres.Failpoint;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.SlowPgDump;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Locks that hold: a job whose lock connection is killed (pg_terminate_backend, as an idle timeout, a proxy or
 * a failover would) stops and ends FAILED, restartable, instead of running on unguarded; a run whose
 * liveness lock is held elsewhere does not start; lock keys are 64-bit.
 */
class LockLossTest {

    final TestPostgres pg = TestPostgres.get();
    SlowPgDump slowPgDump;
    NightshiftFixture nightshift;

    @BeforeEach
    void slowBackup() throws Exception {
        SlowBackupFixture fixture = SlowBackupFixture.create("lockloss_app");
        slowPgDump = fixture.slowPgDump;
        nightshift = fixture.nightshift;
    }

    @AfterEach
    void cleanUp() {
        nightshift.close();
    }

    @Test
    void aJobWhoseLockConnectionIsKilledStopsFailedAndCanBeRestarted() throws Exception {
        // given a backup in the middle of its dump, checking its locks every second
        Process backup = nightshift.spawn(Map.of("NIGHTSHIFT_LOCK_CHECK_INTERVAL", "1"), "backup", "--env", "prod");
        nightshift.awaitPartialArtifact(backup, "prod", "app");
        long execution = pg.queryLong(nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");

        // when the connection holding its database lock is terminated
        long terminated = pg.queryLong(nightshift.opsDatabase(), "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name LIKE 'nightshift % job " + execution + "'");
        assertThat(terminated).isEqualTo(1);

        // then the job stops (well before its 60 s pg_dump would end), FAILED, and says why
        assertThat(backup.waitFor(45, TimeUnit.SECONDS)).as("the job stopped").isTrue();
        assertThat(backup.exitValue()).as(nightshift.spawnOutput()).isEqualTo(1);
        assertThat(nightshift.spawnOutput()).contains("lost the backup, restore or sync lock");
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.batch_job_execution"
                + " WHERE status = 'FAILED' AND job_execution_id = " + execution)).isEqualTo(1);
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.backup")).isZero();

        // and a restart completes it
        slowPgDump.fast();
        CliResult restart = nightshift.cli("jobs", "restart", Long.toString(execution));
        assertThat(restart.exitCode()).as(restart.all()).isZero();
    }

    @Test
    void aFailedRunWhoseStepEndWasNeverRecordedCanBeRestarted() {
        // given a failed backup whose dump step still shows STARTED, as a run leaves it that lost the ops database
        // while the step ended and had it back when the job ended (jobs restart refused it as "already running")
        slowPgDump.fast();
        Failpoint.whenReached("backup.dump.before-pg-dump", () -> {
            throw new IllegalStateException("the test's failure");
        });
        CliResult failed = nightshift.cli("backup", "--env", "prod");
        Failpoint.clearActions();
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        long execution = pg.queryLong(nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
        pg.execute(nightshift.opsDatabase(), "UPDATE nightshift.batch_step_execution SET status = 'STARTED', end_time = NULL"
                + " WHERE step_name = 'backup.dump' AND job_execution_id = " + execution);

        // when
        CliResult restart = nightshift.cli("jobs", "restart", Long.toString(execution));

        // then the restart completes it
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.backup")).isEqualTo(1);
    }

    @Test
    void aRunWhoseLivenessLockIsHeldElsewhereDoesNotStart() throws Exception {
        // given another process holds the liveness lock of the next execution
        slowPgDump.fast();
        assertThat(nightshift.cli("jobs", "list").exitCode()).isZero();
        long next = pg.queryLong(nightshift.opsDatabase(), "SELECT nextval('nightshift.batch_job_execution_seq')") + 1;
        try (AdvisoryLock held = AdvisoryLock.tryAcquire(nightshift.opsDataSource(), JobLiveness.lockName(next), "another process").orElseThrow()) {

            // when
            CliResult backup = nightshift.cli("backup", "--env", "prod");

            // then it is refused: running it would look like a second runner of one execution
            assertThat(backup.exitCode()).as(backup.all()).isEqualTo(1);
            assertThat(backup.err()).contains("the liveness lock of job execution " + next + " is held by another process");
            assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.backup")).isZero();
        }
    }

    @Test
    void lockKeysAre64BitsOfTheNamesSha256() {
        assertThat(AdvisoryLock.key("backup:prod/auth")).isNotEqualTo(AdvisoryLock.key("backup:prod/auti"));
        // two names with the same 32-bit String.hashCode ("Aa" and "BB") get different keys
        assertThat("backup:Aa".hashCode()).isEqualTo("backup:BB".hashCode());
        assertThat(AdvisoryLock.key("backup:Aa")).isNotEqualTo(AdvisoryLock.key("backup:BB"));
        // the first 8 bytes of SHA-256("backup:prod/auth"), computed independently
        assertThat(AdvisoryLock.key("backup:prod/auth")).isEqualTo(java.nio.ByteBuffer.wrap(
                java.util.HexFormat.of().parseHex(sha256Hex("backup:prod/auth").substring(0, 16))).getLong());
    }

    private static String sha256Hex(String text) {
        try {
            Process p = new ProcessBuilder("sha256sum").start();
            p.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            p.getOutputStream().close();
            return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).substring(0, 64);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
