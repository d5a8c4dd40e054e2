package dev.nightshift.migration;

import dev.nightshift.testsupport.CliResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input and guards: refused before anything runs, with exit 2 or 3 and a message that says what to do. */
class DataMigrationSafetyTest {

    MigrationFixture fixture;

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    @Test
    void aParameterOfTheWrongTypeIsRejectedBeforeAnythingRuns() {
        fixture = MigrationFixture.builder().rows(50).build();

        CliResult result = fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod", "--param", "bonus=lots");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("parameter 'bonus': 'lots' is not an integer");
        assertUntouched();
    }

    @Test
    void unknownOutOfRangeAndDisallowedParametersAreRejected() {
        fixture = MigrationFixture.builder().rows(50).build();

        CliResult unknown = fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod", "--param", "colour=red");
        CliResult range = fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod", "--param", "bonus=11");
        CliResult allowed = fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod", "--param", "tag=other");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("has no parameter 'colour'; its parameters: tag, bonus");
        assertThat(range.exitCode()).isEqualTo(2);
        assertThat(range.err()).contains("11 is outside 0 .. 10");
        assertThat(allowed.exitCode()).isEqualTo(2);
        assertThat(allowed.err()).contains("'other' is not allowed; allowed: done, again");
        assertUntouched();
    }

    @Test
    void aStatementWithoutAKeyRangeOrWithAnUndeclaredParameterIsRejected() {
        fixture = MigrationFixture.builder().rows(50)
                .migration("everything", """
                        database: app
                        table: account
                        key: id
                        batch: "UPDATE account SET touched = 1"
                        """)
                .migration("typo", """
                        database: app
                        table: account
                        key: id
                        batch: "UPDATE account SET note = :tga WHERE id > :from AND id <= :to"
                        """).build();

        CliResult everything = fixture.nightshift.cli("migrate-data", "everything", "--env", "prod");
        CliResult typo = fixture.nightshift.cli("migrate-data", "typo", "--env", "prod");

        assertThat(everything.exitCode()).isEqualTo(2);
        assertThat(everything.err()).contains("must limit each batch to its key range");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("undeclared parameter(s) [tga]");
        assertUntouched();
    }

    @Test
    void aKeyWithoutAUniqueIndexIsRejected() {
        fixture = MigrationFixture.builder().rows(50).migration("by_email", """
                database: app
                table: account
                key: email
                batch: "UPDATE account SET touched = 1 WHERE {key_range}"
                """).build();

        CliResult result = fixture.nightshift.cli("migrate-data", "by_email", "--env", "prod");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no unique index on (email)");
        assertUntouched();
    }

    @Test
    void aProtectedEnvironmentNeedsConfirmation() {
        fixture = MigrationFixture.builder().rows(50).protectedEnvironment().build();

        CliResult refused = fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod");

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("protected").contains("--confirm-production");
        assertUntouched();

        CliResult confirmed = fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod", "--confirm-production");
        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 1")).isEqualTo(50);
    }

    @Test
    void aDryRunChangesNothingAndReportsBatchesPlanAndEstimate() {
        fixture = MigrationFixture.builder().rows(2000).build();
        String before = fixture.pg.queryLong(fixture.database, "SELECT count(*) FROM account") + "";

        CliResult result = fixture.nightshift.cli("migrate-data", "touch_accounts", "--env", "prod", "--dry-run", "--batch-size", "100");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("3 batch(es) executed and rolled back")
                .containsPattern("batch \\(start \\.\\. 300\\]\\s+100 rows walked\\s+100 rows affected")
                .contains("plan of the first batch:").contains("Update on account")
                .contains("table rows (estimate): 2,000").containsPattern("estimated duration: \\d+ s")
                .contains("nothing was changed");
        assertThat(before).isEqualTo("2000");
        assertUntouched();
        long reported = java.util.regex.Pattern.compile("([\\d,]+) rows affected").matcher(result.out()).results()
                .mapToLong(m -> Long.parseLong(m.group(1).replace(",", ""))).sum();
        assertThat(fixture.pg.queryLong(fixture.nightshift.opsDatabase(),
                "SELECT count(*) FROM nightshift.data_migration_history WHERE outcome = 'DRY-RUN' AND kind = 'data-dry-run'"
                        + " AND rows_affected = " + reported)).isEqualTo(1);
    }

    private void assertUntouched() {
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched <> 0")).isZero();
        assertThat(fixture.executions()).isZero();
    }
}
