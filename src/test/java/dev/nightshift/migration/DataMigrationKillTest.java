package dev.nightshift.migration;

import dev.nightshift.testsupport.CliResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A migration killed (SIGKILL) or stopped (SIGTERM) mid-run and resumed: every row is updated exactly once. */
class DataMigrationKillTest {

    MigrationFixture fixture;

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    @Test
    void killedTwiceResumedBySameCommandAndByJobsRestartEveryRowExactlyOnce() throws Exception {
        // given batches of 50 rows with a pause, so the run takes long enough to be killed in the middle
        fixture = MigrationFixture.builder().rows(3000).setting("max-batch-size: 50").build();
        String[] command = {"migrate-data", "touch_accounts", "--env", "prod", "--pause", "150ms"};

        // when it is killed after some batches, started again with the same command, and killed again
        killAfterBatches(fixture.nightshift.spawn(command), 5);
        long afterFirstKill = batchesDone();
        killAfterBatches(fixture.nightshift.spawn(command), afterFirstKill + 5);
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched > 1")).isZero();
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 1")).isBetween(1L, 2999L);

        // then jobs restart finishes it
        CliResult restart = fixture.nightshift.cli("jobs", "restart", Long.toString(fixture.lastExecution()));
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(restart.all()).contains("resuming after key");
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 1")).isEqualTo(3000);
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched <> 1")).isZero();
        assertThat(fixture.pg.queryLong(fixture.nightshift.opsDatabase(),
                "SELECT rows_affected FROM nightshift.data_migration_progress")).isEqualTo(3000);
    }

    @Test
    void sigtermStopsAfterTheCommittedBatchAndTheSameCommandContinues() throws Exception {
        // given a running migration
        fixture = MigrationFixture.builder().rows(2000).setting("max-batch-size: 50").build();
        String[] command = {"migrate-data", "touch_accounts", "--env", "prod", "--pause", "150ms"};
        Process run = fixture.nightshift.spawn(command);
        awaitBatches(run, 3);

        // when it gets SIGTERM
        run.destroy();

        // then it stops cleanly (the JVM ends as a SIGTERM'd process does, 143): execution STOPPED, every committed batch counted
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(fixture.nightshift.spawnOutput()).isEqualTo(143);
        assertThat(fixture.pg.queryLong(fixture.nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.batch_job_execution"
                + " WHERE status = 'STOPPED'")).isEqualTo(1);
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 1"))
                .isEqualTo(fixture.pg.queryLong(fixture.nightshift.opsDatabase(), "SELECT rows_affected FROM nightshift.data_migration_progress"));

        // and the same command finishes the run
        CliResult again = fixture.nightshift.cli(command);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 1")).isEqualTo(2000);
        assertThat(fixture.pg.queryLong(fixture.nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.data_migration_history"
                + " WHERE outcome = 'STOPPED'")).isEqualTo(1);
    }

    private void killAfterBatches(Process run, long batches) throws Exception {
        awaitBatches(run, batches);
        run.destroyForcibly();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private void awaitBatches(Process run, long batches) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (batchesDone() < batches) {
            assertThat(run.isAlive()).as("the run ended before it was interrupted: " + fixture.nightshift.spawnOutput()).isTrue();
            assertThat(System.currentTimeMillis()).as("batches did not start in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private long batchesDone() {
        try {
            return fixture.pg.queryLong(fixture.nightshift.opsDatabase(),
                    "SELECT coalesce(max(batches), 0) FROM nightshift.data_migration_progress");
        } catch (IllegalStateException e) {
            return 0; // the ops schema is not there yet
        }
    }
}
