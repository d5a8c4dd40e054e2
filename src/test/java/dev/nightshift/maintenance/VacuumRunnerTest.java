package dev.nightshift.maintenance;

import dev.nightshift.testsupport.CliResult;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The VACUUM runner on a real server: what it vacuums, what it skips, and what it leaves for another night. */
class VacuumRunnerTest {

    @AutoClose
    MaintenanceFixture fixture;

    @Test
    void vacuumReducesTheDeadTuplesAndTheReportShowsBeforeAndAfter() {
        // given a bloated table and a healthy one
        fixture = MaintenanceFixture.create();
        fixture.bloatedTable("orders", 10_000, 2, 0).bloatedTable("healthy", 1_000, 0, 0);
        long deadBefore = fixture.deadTuples("orders");

        // when
        CliResult result = fixture.maintain("--env", "dev");

        // then only the bloated table was vacuumed, and the report has its numbers before and after
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(fixture.deadTuples("orders")).isZero();
        JsonNode report = fixture.newestJson();
        JsonNode vacuum = MaintenanceFixture.vacuum(report, "orders");
        assertThat(vacuum.get("outcome").asString()).isEqualTo("VACUUMED");
        assertThat(vacuum.get("deadBefore").asLong()).isEqualTo(deadBefore).isGreaterThan(4_000);
        assertThat(vacuum.get("deadAfter").asLong()).isZero();
        assertThat(vacuum.get("command").asString()).isEqualTo("VACUUM (ANALYZE, SKIP_LOCKED) \"public\".\"orders\"");
        assertThat(report.get("vacuum")).hasSize(1);
        assertThat(MaintenanceFixture.table(report, "orders").get("deadTuples").asLong()).isZero();
        assertThat(MaintenanceFixture.table(report, "orders").get("lastVacuum").isNull()).isFalse();
        // and the Markdown for chat says the same in a table that renders (no blank line inside it)
        assertThat(markdown()).contains("| public.orders | VACUUMED  | " + deadBefore + " → 0 |")
                .doesNotContain("|---|---|---|---|\n\n");
    }

    private String markdown() {
        try {
            return java.nio.file.Files.readString(MaintenanceFixture.newest(fixture.reports(), "md"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTableLockedByAnotherSessionIsSkippedNotWaitedOn() throws Exception {
        // given two bloated tables, one held in ACCESS EXCLUSIVE mode by an open transaction, and a lock
        // timeout long enough that waiting for the lock would show
        fixture = MaintenanceFixture.create("lock-timeout: 60s");
        fixture.bloatedTable("locked_orders", 5_000, 2, 0).bloatedTable("free_orders", 5_000, 2, 0);
        try (Connection holder = MaintenanceFixture.PG.connect(fixture.database); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE locked_orders IN ACCESS EXCLUSIVE MODE");

            // when
            long started = System.nanoTime();
            CliResult result = fixture.maintain("--env", "dev");
            long seconds = (System.nanoTime() - started) / 1_000_000_000;

            // then the locked table is reported skipped at once, the other one is vacuumed
            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(seconds).as("waited for the lock").isLessThan(30);
            JsonNode report = fixture.newestJson();
            JsonNode locked = MaintenanceFixture.vacuum(report, "locked_orders");
            assertThat(locked.get("outcome").asString()).isEqualTo("SKIPPED");
            assertThat(locked.get("message").asString()).contains("lock");
            assertThat(MaintenanceFixture.vacuum(report, "free_orders").get("outcome").asString()).isEqualTo("VACUUMED");
            assertThat(MaintenanceFixture.table(report, "locked_orders").get("locked").asBoolean()).isTrue();
            assertThat(MaintenanceFixture.table(report, "locked_orders").get("recommendations").toString())
                    .contains("not vacuumed in this run: skipped");
            holder.rollback();
        }
        assertThat(fixture.deadTuples("locked_orders")).isGreaterThan(2_000);
    }

    @Test
    void aRunPastTheWindowStartsNoMoreTables() {
        // given a window that has already ended when the runner looks at its first table
        fixture = MaintenanceFixture.create("window: 0s");
        fixture.bloatedTable("orders", 5_000, 2, 0).bloatedTable("invoices", 5_000, 2, 0);

        // when
        CliResult result = fixture.maintain("--env", "dev");

        // then nothing was vacuumed, and the report says which tables were not started and why
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(fixture.deadTuples("orders")).isGreaterThan(2_000);
        assertThat(fixture.deadTuples("invoices")).isGreaterThan(2_000);
        JsonNode report = fixture.newestJson();
        for (String table : new String[] {"orders", "invoices"}) {
            JsonNode vacuum = MaintenanceFixture.vacuum(report, table);
            assertThat(vacuum.get("outcome").asString()).isEqualTo("NOT_STARTED");
            assertThat(vacuum.get("message").asString()).contains("maintenance window ended");
        }
    }

    @Test
    void aFailingTableIsReportedTheOthersAreVacuumedAndTheRunExits1() {
        // given a table whose expression index now raises an error when ANALYZE evaluates it
        fixture = MaintenanceFixture.create();
        fixture.sql("CREATE FUNCTION fragile(n integer) RETURNS integer IMMUTABLE LANGUAGE sql AS 'SELECT n'");
        fixture.bloatedTable("broken", 5_000, 2, 0).bloatedTable("fine", 5_000, 2, 0);
        fixture.sql("CREATE INDEX broken_fragile ON broken (fragile(n))");
        fixture.sql("CREATE OR REPLACE FUNCTION fragile(n integer) RETURNS integer IMMUTABLE LANGUAGE plpgsql"
                + " AS $$ BEGIN RAISE EXCEPTION 'fragile broke on %', n; END $$");

        // when
        CliResult result = fixture.maintain("--env", "dev");

        // then the failure is reported, the other table vacuumed, and the run fails with the reason
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.err()).contains("VACUUM of public.broken failed").contains("fragile broke");
        JsonNode report = fixture.newestJson();
        assertThat(MaintenanceFixture.vacuum(report, "broken").get("outcome").asString()).isEqualTo("FAILED");
        assertThat(MaintenanceFixture.vacuum(report, "fine").get("outcome").asString()).isEqualTo("VACUUMED");
        assertThat(fixture.deadTuples("fine")).isZero();
    }
}
