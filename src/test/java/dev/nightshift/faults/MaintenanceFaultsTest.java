package dev.nightshift.faults;

import dev.nightshift.postgres.Failpoint;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.FaultProxy;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Maintenance whose connection is cut while VACUUM runs: the run says so, and the next run vacuums the table. */
class MaintenanceFaultsTest {

    final TestPostgres pg = TestPostgres.get();
    final FaultProxy targetProxy = FaultProxy.toTestServer();
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        Failpoint.clearActions();
        targetProxy.close();
        if (nightshift != null) {
            nightshift.close();
        }
    }

    @Test
    @Covers(FaultCase.MAINTENANCE_CUT_MID_VACUUM)
    void cutMidVacuumIsReportedAndTheNextRunVacuums() throws Exception {
        // given a table every row of which was updated, autovacuum off
        String database = pg.createDatabase("fault_maint");
        pg.execute(database, "CREATE TABLE orders (id bigint PRIMARY KEY, payload text) WITH (autovacuum_enabled = false);"
                + " INSERT INTO orders SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 20000) g;"
                + " UPDATE orders SET payload = payload || 'x'; ANALYZE orders");
        awaitDeadTuples(database);
        nightshift = NightshiftFixture.builder()
                .environment("dev", new Environment().database("app", database).host(targetProxy.host()).port(targetProxy.port()))
                .setting("maintenance: {report-directory: {home}/reports}")
                .dropOnClose(database)
                .build();
        // the VACUUM is sent into a stalled connection, which is cut while the client waits for its answer
        Failpoint.whenReached("maintenance.vacuum.before", () -> {
            targetProxy.stall();
            CompletableFuture.runAsync(() -> {
                targetProxy.cut();
                targetProxy.resume();
            }, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        });

        // when
        CliResult cut = nightshift.cli("maintain", "--env", "dev");
        Failpoint.clearActions();

        // then
        FaultAssertions.failedWithOneLine(cut, FaultCase.MAINTENANCE_CUT_MID_VACUUM);
        assertThat(targetProxy.cutConnections()).as("the fault happened").isPositive();
        FaultAssertions.assertNoJobLeftRunning(nightshift);

        // and the next run vacuums the table
        CliResult next = nightshift.cli("maintain", "--env", "dev");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(pg.queryLong(database, "SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'orders'"
                + " AND vacuum_count > 0")).isEqualTo(1);
    }

    private void awaitDeadTuples(String database) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (pg.queryLong(database, "SELECT coalesce(max(n_dead_tup), 0) FROM pg_stat_user_tables WHERE relname = 'orders'") == 0) {
            assertThat(System.currentTimeMillis()).as("statistics of orders never appeared").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
