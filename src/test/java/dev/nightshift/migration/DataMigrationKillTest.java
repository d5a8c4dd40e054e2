package dev.nightshift.migration;

import dev.nightshift.testsupport.CliResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A migration killed with SIGKILL mid-run and resumed: every row is updated exactly once. */
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

    private void killAfterBatches(Process run, long batches) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (batchesDone() < batches) {
            assertThat(run.isAlive()).as("the run ended before it was killed: " + fixture.nightshift.spawnOutput()).isTrue();
            assertThat(System.currentTimeMillis()).as("batches did not start in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        run.destroyForcibly();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
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
