package dev.nightshift.migration;

import dev.nightshift.testsupport.CliResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A data migration run end to end through the CLI, on the integer, uuid and composite key tables. */
class DataMigrationJobTest {

    MigrationFixture fixture;

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    @Test
    void backfillTouchesEveryRowExactlyOnceReportsProgressAndRecordsHistory() {
        // given 5000 accounts and small first batches
        fixture = MigrationFixture.builder().rows(5000).build();

        // when the migration runs
        CliResult result = fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod", "--param", "tag=again",
                "--batch-size", "300");

        // then every row was changed once, with the parameter's value
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 1 AND note = 'again'")).isEqualTo(5000);
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched <> 1")).isZero();
        // progress lines with totals, rate and batch size, and the integrity check
        assertThat(result.all()).containsPattern("prod/touch_accounts: [\\d,]+ of ~[\\d,]+ rows \\(\\d+%\\), [\\d,]+ changed, [\\d,]+ rows/s, ETA .*batch size \\d+");
        assertThat(result.all()).contains("prod/touch_accounts: 5,000 of ~5,000 rows (100%), 5,000 changed");
        assertThat(result.all()).contains("complete; the remaining query returns 0");
        // and the history names who ran it, with which parameters, and how it ended
        String ops = fixture.nightshift.opsDatabase();
        assertThat(fixture.pg.queryLong(ops, "SELECT count(*) FROM nightshift.data_migration_history WHERE migration = 'touch_accounts'"
                + " AND outcome = 'COMPLETED' AND rows_affected = 5000 AND batches > 1 AND started_by = '" + System.getProperty("user.name")
                + "' AND parameters = '{\"bonus\": \"1\", \"tag\": \"again\"}'::jsonb AND ended_at >= started_at")).isEqualTo(1);
        CliResult history = fixture.nightshift.cli("migrate-data", "--history");
        assertThat(history.out()).contains("touch_accounts").contains("COMPLETED").contains("5,000");
    }

    @Test
    void theSameCommandAfterCompletionIsRefusedUntilANewRunKeyIsGiven() {
        // given a completed run
        fixture = MigrationFixture.builder().rows(100).build();
        assertThat(fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod").exitCode()).isZero();

        // when the same command runs again
        CliResult again = fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod");

        // then nothing is applied twice
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already completed").contains("--run-key");
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 1")).isEqualTo(100);

        // and a new run key is a new run
        assertThat(fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod", "--run-key", "second").exitCode()).isZero();
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 2")).isEqualTo(100);
    }

    @Test
    void uuidKeyIsWalkedThroughKeyRange() {
        // given a table keyed by uuid
        fixture = MigrationFixture.builder().rows(2000).migration("touch_devices", """
                database: app
                table: device
                key: id
                batch: "UPDATE device SET touched = touched + 1 WHERE {key_range}"
                remaining: "SELECT count(*) FROM device WHERE touched = 0"
                """).build();

        // when migrated in batches of 150
        CliResult result = fixture.nightshift.cli("migrate-data", "touch_devices", "--env", "prod", "--batch-size", "150");

        // then every row once, in several batches
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fixture.query("SELECT count(*) FROM device WHERE touched = 1")).isEqualTo(2000);
        assertThat(fixture.pg.queryLong(fixture.nightshift.opsDatabase(),
                "SELECT batches FROM nightshift.data_migration_progress")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void compositeKeyIsWalkedAsRowValues() {
        // given a table keyed by (tenant, member), where member alone repeats order across tenants
        fixture = MigrationFixture.builder().rows(3000).migration("touch_members", """
                database: app
                table: public."membership"
                key: [tenant, member]
                batch: |
                  UPDATE membership SET touched = touched + 1
                   WHERE {key_range}
                remaining: "SELECT count(*) FROM membership WHERE touched = 0"
                """).build();

        // when migrated in batches of 100
        CliResult result = fixture.nightshift.cli("migrate-data", "touch_members", "--env", "prod", "--batch-size", "100");

        // then every row exactly once
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fixture.query("SELECT count(*) FROM membership WHERE touched = 1")).isEqualTo(3000);
        assertThat(fixture.query("SELECT count(*) FROM membership WHERE touched <> 1")).isZero();
    }

    @Test
    void listShowsTheMigrationsWithTheirParameters() {
        fixture = MigrationFixture.builder().rows(10).build();

        CliResult list = fixture.nightshift.cli("migrate-data", "--list");

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("touch_accounts  (database app, table public.account, key id)")
                .contains("--param tag (string, default done, one of done|again): what to write into note")
                .contains("--param bonus (integer, default 1, 0..10)");
    }

    @Test
    void remainingRowsAfterTheLastBatchFailTheRunInsteadOfPassingForDone() {
        // given a migration whose batch statement skips some rows its remaining query counts
        fixture = MigrationFixture.builder().rows(200).migration("incomplete", """
                database: app
                table: account
                key: id
                batch: "UPDATE account SET touched = 1 WHERE id > :from AND id <= :to AND id % 2 = 0"
                remaining: "SELECT count(*) FROM account WHERE touched = 0"
                """).build();

        // when it runs
        CliResult result = fixture.nightshift.cli("migrate-data", "incomplete", "--env", "prod");

        // then the run fails and says why
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("remaining query still counts 100 row(s)");
    }
}
