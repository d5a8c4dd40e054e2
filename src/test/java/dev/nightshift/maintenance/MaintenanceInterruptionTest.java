package dev.nightshift.maintenance;

import dev.nightshift.testsupport.CliResult;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A maintenance run killed mid-VACUUM, or failed on an alert, and restarted. */
class MaintenanceInterruptionTest {

    @AutoClose
    MaintenanceFixture fixture;

    @Test
    void aRunKilledMidVacuumIsRestartedWithoutVacuumingTheFinishedTableAgain() throws Exception {
        // given three bloated tables in the order the runner takes them (the first named for VACUUM FULL, so it
        // stays a candidate after its VACUUM); the second one's VACUUM ANALYZE is slow because its expression
        // index sleeps for every sampled row (switched on after the setup)
        fixture = MaintenanceFixture.create();
        fixture.sql("CREATE TABLE slowness (seconds float8 NOT NULL); INSERT INTO slowness VALUES (0)");
        fixture.sql("CREATE FUNCTION slow(n integer) RETURNS integer IMMUTABLE LANGUAGE plpgsql AS"
                + " $$ BEGIN PERFORM pg_sleep(seconds) FROM slowness; RETURN n; END $$");
        fixture.bloatedTable("first_done", 20_000, 1, 0).bloatedTable("slow_one", 1_500, 1, 0)
                .bloatedTable("last_one", 1_200, 1, 0);
        fixture.sql("CREATE INDEX slow_one_slow ON slow_one (slow(n))");
        fixture.sql("UPDATE slowness SET seconds = 0.004");
        String ops = fixture.nightshift.opsDatabase();

        // when the run is killed (SIGKILL) while it vacuums the second table
        Process run = fixture.nightshift.spawn("maintain", "--env", "dev", "--vacuum-full", "public.first_done",
                "--run-key", "nightly-1");
        awaitVacuumed(ops, "first_done", run);
        MaintenanceFixture.sleep(500);
        run.destroyForcibly();
        run.waitFor(30, TimeUnit.SECONDS);
        String firstFinished = text(ops, "SELECT finished_at::text FROM nightshift.maintenance_vacuum WHERE table_name = 'first_done'");
        assertThat(MaintenanceFixture.PG.queryLong(ops, "SELECT count(*) FROM nightshift.maintenance_vacuum"))
                .as("killed after the first table only").isEqualTo(1);
        // the server finishes the orphaned VACUUM ANALYZE on its own (its dead tuples are gone by now: the slow
        // part is the ANALYZE), so the restart finds that table no longer needs one
        awaitNoVacuumOnServer();
        fixture.sql("UPDATE slowness SET seconds = 0");
        long killed = MaintenanceFixture.PG.queryLong(ops, "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");

        CliResult restart = fixture.nightshift.cli("jobs", "restart", Long.toString(killed));

        // then the restart vacuums the last table, leaves the first one alone, and writes the report
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(text(ops, "SELECT finished_at::text FROM nightshift.maintenance_vacuum WHERE table_name = 'first_done'"))
                .isEqualTo(firstFinished);
        assertThat(MaintenanceFixture.PG.queryLong(ops, "SELECT count(*) FROM nightshift.maintenance_vacuum"
                + " WHERE outcome = 'VACUUMED' AND table_name IN ('first_done', 'last_one')")).isEqualTo(2);
        assertThat(fixture.deadTuples("slow_one")).isZero();
        assertThat(fixture.deadTuples("last_one")).isZero();
        assertThat(MaintenanceFixture.vacuum(fixture.newestJson(), "first_done").get("outcome").asString()).isEqualTo("VACUUMED");
    }

    @Test
    void aRestartedRunThatMetAnAlertStillFails() {
        // given a run that failed on the transaction-id age alert
        fixture = MaintenanceFixture.create("alert-xid-age: 1");
        fixture.bloatedTable("orders", 100, 0, 0);
        CliResult first = fixture.maintain("--env", "dev", "--report-only", "--run-key", "nightly-1");
        assertThat(first.exitCode()).as(first.all()).isEqualTo(1);
        long failed = MaintenanceFixture.PG.queryLong(fixture.nightshift.opsDatabase(),
                "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");

        // when it is restarted (as a retried CronJob pod with the same run key would)
        CliResult again = fixture.maintain("--env", "dev", "--report-only", "--run-key", "nightly-1");
        CliResult restart = fixture.nightshift.cli("jobs", "restart", Long.toString(failed + 1));

        // then it fails again with the same reason instead of passing quietly
        assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
        assertThat(again.err()).contains("public.orders").contains("alert-xid-age");
        assertThat(restart.exitCode()).as(restart.all()).isEqualTo(1);
    }

    private static void awaitVacuumed(String ops, String table, Process run) {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (MaintenanceFixture.PG.queryLong(ops, "SELECT count(*) FROM nightshift.maintenance_vacuum"
                        + " WHERE table_name = '" + table + "'") > 0) {
                    return;
                }
            } catch (IllegalStateException notMigratedYet) {
                // the spawned JVM has not created the ops schema yet
            }
            assertThat(run.isAlive()).as("the maintenance run ended before it vacuumed " + table).isTrue();
            MaintenanceFixture.sleep(100);
        }
        throw new AssertionError(table + " was never vacuumed");
    }

    private void awaitNoVacuumOnServer() {
        long deadline = System.currentTimeMillis() + 60_000;
        while (fixture.queryLong("SELECT count(*) FROM pg_stat_activity WHERE query ILIKE 'VACUUM%'"
                + " AND pid <> pg_backend_pid()") > 0) {
            assertThat(System.currentTimeMillis()).as("the orphaned VACUUM never ended").isLessThan(deadline);
            MaintenanceFixture.sleep(200);
        }
    }

    private static String text(String database, String sql) {
        try (var c = MaintenanceFixture.PG.connect(database); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
