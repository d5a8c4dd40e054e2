package dev.nightshift.migration;

import dev.nightshift.testsupport.CliResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Locks held by other sessions make batches time out and retry or split, never block forever; a busy database makes the run wait. */
class DataMigrationTimeoutTest {

    MigrationFixture fixture;

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    @Test
    void aRowLockedByAnotherSessionMakesTheBatchTimeOutAndRetryInsteadOfBlocking() {
        // given a row of the first batch locked by another session until 700 ms after the migration first waits for it
        fixture = MigrationFixture.builder().rows(500).setting("lock-timeout: 300ms").setting("retries: 4").build();
        try (BlockingSession lock = BlockingSession.open(fixture.database, "SELECT * FROM account WHERE id = 30 FOR UPDATE")) {
            lock.releaseAfterSomeoneWaited(fixture.database, 700);

            // when the migration runs
            CliResult result = fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod");

            // then the batch timed out, was retried, and every row was changed exactly once
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.all()).contains("timed out (ERROR: canceling statement due to lock timeout").contains("retrying the batch");
            assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 1")).isEqualTo(500);
        }
    }

    @Test
    void aLockThatOutlastsTheRetriesSplitsTheBatchThenFailsNamingTheCauseAndARestartFinishes() {
        // given a row locked for as long as the test wants, retries that give up quickly
        fixture = MigrationFixture.builder().rows(500).setting("lock-timeout: 200ms").setting("retries: 1")
                .setting("min-batch-size: 25").build();
        CliResult failed;
        try (BlockingSession ignored = BlockingSession.open(fixture.database, "SELECT * FROM account WHERE id = 300 FOR UPDATE")) {
            // when the migration runs into it
            failed = fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod", "--batch-size", "100");
        }

        // then it split the batch down to the minimum, then failed saying what holds it up
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.all()).contains("splitting: next batches hold 50 rows").contains("splitting: next batches hold 25 rows");
        assertThat(failed.err()).contains("keeps timing out even at 25 row(s)").contains("pg_locks");
        long committed = fixture.query("SELECT count(*) FROM account WHERE touched = 1");
        assertThat(committed).isLessThan(100);
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched > 1")).isZero();

        // and once the lock is gone, the restart finishes every row exactly once
        CliResult restart = fixture.nightshift.cli("jobs", "restart", Long.toString(fixture.lastExecution()));
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 1")).isEqualTo(500);
    }

    @Test
    void aBatchRunningPastTwiceTheTargetIsCancelledAndSplitSoNoBatchHoldsItsLocksLonger() {
        // given a statement that costs 2 ms a row, a 100 ms target (so statement_timeout is 200 ms), first batches of 300
        fixture = MigrationFixture.builder().rows(400).setting("target-batch-duration: 100ms").migration("slow_rows", """
                database: app
                table: account
                key: id
                batch: "UPDATE account SET touched = touched + 1 + length(pg_sleep(0.002)::text) WHERE id > :from AND id <= :to"
                remaining: "SELECT count(*) FROM account WHERE touched = 0"
                """).build();

        // when it runs
        CliResult result = fixture.nightshift.cli("migrate-data", "slow_rows", "--env", "prod", "--batch-size", "300");

        // then the long batches were cancelled by statement_timeout and split, and every row changed exactly once
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.all()).contains("canceling statement due to statement timeout").contains("splitting: next batches hold 150 rows");
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 1")).isEqualTo(400);
        assertThat(fixture.pg.queryLong(fixture.nightshift.opsDatabase(),
                "SELECT max_batch_millis FROM nightshift.data_migration_history")).isLessThan(400);
    }

    @Test
    void aLongRunningTransactionMakesTheRunWaitAndSayWhy() throws Exception {
        // given another transaction that has been open for more than the limit, and ends 1.5 s after the run started
        fixture = MigrationFixture.builder().rows(200)
                .setting("health: {max-transaction-age: 1s, check-interval: 200ms}").build();
        try (BlockingSession open = BlockingSession.open(fixture.database, "SELECT txid_current()")) {
            Thread.sleep(1200);
            open.releaseAfterRunStarted(fixture.nightshift.opsDatabase(), 1500);

            // when the migration runs
            CliResult result = fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod");

            // then it waited, said why, and finished after the transaction ended
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.all()).containsPattern("waiting before the next batch: a transaction has been open for \\d+ s \\(pid \\d+")
                    .contains("max-transaction-age").contains("continues: the database is fit again");
            assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 1")).isEqualTo(200);
        }
    }
}
